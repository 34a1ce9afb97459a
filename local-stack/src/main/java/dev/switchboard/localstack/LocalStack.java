package dev.switchboard.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one-command local stack of the contract: Redis and PostgreSQL (embedded unless {@code REDIS_URL} /
 * {@code DATABASE_URL} are set), senders from port 8081 and receivers from 8091 (two of each unless told), dev tokens
 * on. {@code --redis} picks the topology: one embedded Redis (standalone), three embedded nodes (sharded), or a Redis
 * Cluster of three masters and three replicas from the system's redis-server 7 (cluster). Ctrl-C (or SIGTERM) stops
 * everything it started.
 */
@Command(
        name = "local-stack",
        mixinStandardHelpOptions = true,
        description = "Starts Switchboard on this machine: Redis, PostgreSQL, senders and receivers.")
public final class LocalStack implements Callable<Integer> {

    static final int FIRST_SENDER_PORT = 8081;
    static final int FIRST_RECEIVER_PORT = 8091;
    static final int DEMO_PORT = 8080;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @Option(
            names = "--redis",
            defaultValue = "standalone",
            description = "standalone (one Redis), sharded (three independent nodes), or cluster (a Redis Cluster of "
                    + "3 masters and 3 replicas; needs redis-server 7+). REDIS_URL, when set, is the one Redis, the "
                    + "comma-separated shards, or the cluster's seed nodes. Default: ${DEFAULT-VALUE}.")
    String redisMode;

    @Option(names = "--senders", defaultValue = "2", description = "Senders, on ports 8081 and up (1 to 9).")
    int senders;

    @Option(names = "--receivers", defaultValue = "2", description = "Receivers, on ports 8091 and up (1 to 9).")
    int receivers;

    @Option(
            names = "--sender-port",
            defaultValue = "8081",
            description = "First sender's port (management: +1000); tests pick free ones. Default: ${DEFAULT-VALUE}.")
    int senderPort = FIRST_SENDER_PORT;

    @Option(
            names = "--receiver-port",
            defaultValue = "8091",
            description = "First receiver's port (management: +1000). Default: ${DEFAULT-VALUE}.")
    int receiverPort = FIRST_RECEIVER_PORT;

    @Option(
            names = "--demo-port",
            defaultValue = "8080",
            description = "Port of the demo chat app (clients/demo, when built); 0 = no demo. The senders answer CORS "
                    + "for this port only. Default: ${DEFAULT-VALUE}.")
    int demoPort = DEMO_PORT;

    private final List<AutoCloseable> started = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStack()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (senders < 1 || senders > 9 || receivers < 1 || receivers > 9) {
            System.err.println("--senders and --receivers take 1 to 9");
            return 2;
        }
        if (senderPort < 1024 || senderPort > 64000 || receiverPort < 1024 || receiverPort > 64000) {
            System.err.println("--sender-port and --receiver-port take 1024 to 64000");
            return 2;
        }
        if (demoPort != 0 && (demoPort < 1024 || demoPort > 65535)) {
            System.err.println("--demo-port takes 0 (no demo) or 1024 to 65535");
            return 2;
        }
        if (!List.of("standalone", "sharded", "cluster").contains(redisMode)) {
            System.err.println("--redis takes standalone, sharded or cluster, not " + redisMode);
            return 2;
        }
        LocalStack stack = this;
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
            stopAll();
            return 1;
        }
        stopped.await();
        return 0;
    }

    private void startAll() {
        ProjectLayout layout = ProjectLayout.find();
        Infrastructure infra = infrastructure(layout);
        List<ServiceProcess> services = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            String id = "sender-" + (i + 1);
            ServicePorts ports = ServicePorts.local(senderPort + i);
            Map<String, String> env = ServiceEnvironment.sender(infra, layout, ports, id);
            if (demoPort != 0) {
                env.putAll(ServiceEnvironment.corsFor(demoPort));
            }
            services.add(track(ServiceProcess.start(
                    id, layout.senderApp(), env, ports, ServiceEnvironment.logFile(layout, id), List.of())));
        }
        for (int i = 0; i < receivers; i++) {
            String id = "receiver-" + (i + 1);
            ServicePorts ports = ServicePorts.local(receiverPort + i);
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
        String demo = startDemo(layout, services);
        System.out.println();
        System.out.println("Switchboard local stack is up (dev tokens on). Ctrl-C stops everything.");
        System.out.println("  Redis       " + infra.redis().describe());
        System.out.println("  PostgreSQL  postgresql://" + infra.databaseHostPort() + "/" + infra.databaseName());
        for (ServiceProcess service : services) {
            String url = service.name().startsWith("sender") ? service.baseUrl() : service.webSocketUrl();
            System.out.printf(
                    "  %-11s %s   (health, metrics%s: %s; log: %s; pid %d)%n",
                    service.name(),
                    url,
                    service.name().startsWith("sender") ? ", OpenAPI" : "",
                    service.managementUrl(),
                    service.logFile(),
                    service.pid());
        }
        System.out.println("  demo        " + demo);
        System.out.println();
    }

    /** The demo app, when built; says where it is, or why it is not there. */
    private String startDemo(ProjectLayout layout, List<ServiceProcess> services) {
        if (demoPort == 0) {
            return "off (--demo-port 0)";
        }
        if (layout.demoApp().isEmpty()) {
            return "not built (needs Node 20+ and npm: ./mvnw -DskipTests package -pl clients/js,clients/demo)";
        }
        ServicePorts ports = ServicePorts.local(demoPort);
        track(DemoServer.start(
                layout.demoApp().get(),
                ports.host(),
                demoPort,
                portsOf(services, "sender"),
                portsOf(services, "receiver")));
        return "http://" + (ports.connectHost().equals(ServicePorts.LOOPBACK) ? "localhost" : ports.connectHost()) + ":"
                + demoPort + "/   (sign in as any user id, e.g. alice in one window and bob in another)";
    }

    private static List<Integer> portsOf(List<ServiceProcess> services, String kind) {
        return services.stream()
                .filter(service -> service.name().startsWith(kind))
                .map(ServiceProcess::port)
                .toList();
    }

    private Infrastructure infrastructure(ProjectLayout layout) {
        String databaseUrl = System.getenv("DATABASE_URL");
        if (databaseUrl == null) {
            EmbeddedDatabase database = track(EmbeddedDatabase.startOnFreePort());
            databaseUrl = "postgresql://" + EmbeddedDatabase.USER + ":" + EmbeddedDatabase.PASSWORD + "@127.0.0.1:"
                    + database.port() + "/" + EmbeddedDatabase.DATABASE;
        }
        RedisSetup redis = redis(layout, System.getenv("REDIS_URL"));
        return Infrastructure.fromUrls(redis.hosts(), databaseUrl).withRedis(redis);
    }

    private RedisSetup redis(ProjectLayout layout, String given) {
        List<String> urls = given == null
                ? List.of()
                : Arrays.stream(given.split(",")).map(String::strip).toList();
        return switch (redisMode) {
            case "sharded" ->
                RedisSetup.sharded(
                        urls.isEmpty()
                                ? IntStream.range(0, 3)
                                        .mapToObj(i -> track(EmbeddedRedis.startOnFreePort())
                                                .url())
                                        .toList()
                                : urls);
            case "cluster" ->
                RedisSetup.cluster(
                        urls.isEmpty()
                                ? track(RedisCluster.start(
                                                layout.root().resolve("local-stack/target/redis-cluster"), 3, 1))
                                        .seeds()
                                : String.join(",", urls));
            default ->
                RedisSetup.standalone(
                        urls.isEmpty() ? track(EmbeddedRedis.startOnFreePort()).url() : urls.getFirst());
        };
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
