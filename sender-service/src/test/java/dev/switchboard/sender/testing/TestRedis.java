package dev.switchboard.sender.testing;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/** One-off commands to the test Redis on a connection of the test's own (ACL changes, for instance). */
public final class TestRedis {

    private TestRedis() {}

    public static Response command(Vertx vertx, String command, String... args) {
        String url = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url));
        try {
            Request request = Request.cmd(Command.create(command));
            for (String arg : args) {
                request.arg(arg);
            }
            return client.send(request).await().atMost(Duration.ofSeconds(5));
        } finally {
            client.close();
        }
    }
}
