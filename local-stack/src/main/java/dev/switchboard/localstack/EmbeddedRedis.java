package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (binary shipped in the embedded-redis artifact) on a fixed port that survives
 * {@link #stop()} and {@link #start()}, so fault tests can take Redis away and bring it back at the same address.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    /** Starts Redis on a free port. */
    public static EmbeddedRedis start(int port) {
        EmbeddedRedis redis = new EmbeddedRedis(port);
        redis.start();
        return redis;
    }

    public static EmbeddedRedis startOnFreePort() {
        return start(FreePorts.find());
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
        } catch (IOException e) {
            server = null;
            throw new UncheckedIOException("cannot start embedded Redis on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded Redis", e);
        } finally {
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** In the form the services take for {@code QUARKUS_REDIS_HOSTS}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
