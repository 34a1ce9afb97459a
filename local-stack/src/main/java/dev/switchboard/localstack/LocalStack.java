package dev.switchboard.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local stack of the contract: Redis and PostgreSQL (embedded unless {@code REDIS_URL} /
 * {@code DATABASE_URL} are set), senders on 8081 and 8082, receivers on 8091 and 8092, dev tokens on.
 * Ctrl-C (or SIGTERM) stops everything it started.
 */
public final class LocalStack {

    static final int[] SENDER_PORTS = {8081, 8082};
    static final int[] RECEIVER_PORTS = {8091, 8092};
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<AutoCloseable> started = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stack.stopAll();
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println("local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void startAll() {
        ProjectLayout layout = ProjectLayout.find();
        Infrastructure infra = infrastructure();
        List<ServiceProcess> services = new ArrayList<>();
        for (int i = 0; i < SENDER_PORTS.length; i++) {
            String id = "sender-" + (i + 1);
            ServicePorts ports = ServicePorts.local(SENDER_PORTS[i]);
            services.add(track(ServiceProcess.start(
                    id,
                    layout.senderApp(),
                    ServiceEnvironment.sender(infra, layout, ports, id),
                    ports,
                    ServiceEnvironment.logFile(layout, id),
                    List.of())));
        }
        for (int i = 0; i < RECEIVER_PORTS.length; i++) {
            String id = "receiver-" + (i + 1);
            ServicePorts ports = ServicePorts.local(RECEIVER_PORTS[i]);
            services.add(track(ServiceProcess.start(
                    id,
                    layout.receiverApp(),
                    ServiceEnvironment.receiver(infra, layout, ports, id),
                    ports,
                    ServiceEnvironment.logFile(layout, id),
                    layout.receiverJvmOptions())));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(START_TIMEOUT);
        }
        System.out.println();
        System.out.println("Switchboard local stack is up (dev tokens on). Ctrl-C stops everything.");
        System.out.println("  Redis       " + infra.redisUrl());
        System.out.println("  PostgreSQL  postgresql://" + infra.databaseHostPort() + "/" + infra.databaseName());
        for (ServiceProcess service : services) {
            String url = service.name().startsWith("sender") ? service.baseUrl() : service.webSocketUrl();
            System.out.printf(
                    "  %-11s %s   (health, metrics%s: %s; log: %s)%n",
                    service.name(),
                    url,
                    service.name().startsWith("sender") ? ", OpenAPI" : "",
                    service.managementUrl(),
                    service.logFile());
        }
        System.out.println();
    }

    private Infrastructure infrastructure() {
        String redisUrl = System.getenv("REDIS_URL");
        String databaseUrl = System.getenv("DATABASE_URL");
        if (redisUrl == null) {
            EmbeddedRedis redis = track(EmbeddedRedis.startOnFreePort());
            redisUrl = redis.url();
        }
        if (databaseUrl == null) {
            EmbeddedDatabase database = track(EmbeddedDatabase.startOnFreePort());
            databaseUrl = "postgresql://" + EmbeddedDatabase.USER + ":" + EmbeddedDatabase.PASSWORD + "@127.0.0.1:"
                    + database.port() + "/" + EmbeddedDatabase.DATABASE;
        }
        return Infrastructure.fromUrls(redisUrl, databaseUrl);
    }

    private synchronized <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** Services first (they drain and hand over), then the servers they use, in reverse start order. */
    private synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        started.clear();
    }
}
