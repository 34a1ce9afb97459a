package dev.switchboard.it.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Partitions;
import dev.switchboard.localstack.EmbeddedDatabase;
import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.localstack.Infrastructure;
import dev.switchboard.localstack.ProjectLayout;
import dev.switchboard.localstack.RedisCluster;
import dev.switchboard.localstack.RedisSetup;
import dev.switchboard.localstack.ServiceEnvironment;
import dev.switchboard.localstack.ServicePorts;
import dev.switchboard.localstack.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Real Redis and PostgreSQL plus N sender and M receiver processes started from the packaged apps, the way an
 * operator would run them. Logs land in integration-tests/target/cluster-logs.
 */
public final class SwitchboardCluster implements AutoCloseable {

    /** The services run with the default partition count. */
    public static final Partitions PARTITIONS = new Partitions(Partitions.DEFAULT_COUNT);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private final ProjectLayout layout = ProjectLayout.find();
    private final Path logDirectory = Path.of("target", "cluster-logs").toAbsolutePath();
    private final Topology topology;
    /** Standalone: the one Redis; sharded: the first of the nodes; cluster: none. */
    private final EmbeddedRedis redis;

    private final List<EmbeddedRedis> shards;
    private final RedisCluster redisCluster;
    private final EmbeddedDatabase database;
    private final Infrastructure infra;
    private final List<ServiceProcess> senders = new ArrayList<>();
    private final List<ServiceProcess> receivers = new ArrayList<>();
    private final Map<String, String> senderSettings;
    private final String namePrefix;

    /**
     * The rate limits of the shared cluster: high enough that no test's own traffic (one user sending a thousand
     * messages in a row, say) is refused. FloodAcrossInstancesTest runs a cluster of its own with the defaults.
     */
    public static final Map<String, String> TEST_TRAFFIC_LIMITS = Map.of(
            "SWITCHBOARD_RATE_LIMIT_SEND_PER_MINUTE", "1000000",
            "SWITCHBOARD_RATE_LIMIT_SEND_BURST", "100000",
            "SWITCHBOARD_RATE_LIMIT_CHAT_SEND_PER_MINUTE", "1000000",
            "SWITCHBOARD_RATE_LIMIT_CHAT_SEND_BURST", "100000",
            "SWITCHBOARD_RATE_LIMIT_READ_BURST", "100000",
            "SWITCHBOARD_RATE_LIMIT_CHAT_CREATE_BURST", "100000",
            "SWITCHBOARD_RATE_LIMIT_CHAT_CHANGE_BURST", "100000");

    /** The Redis topology the services run on (switchboard.redis.mode). */
    public enum Topology {
        /** One embedded Redis. */
        STANDALONE,
        /** Three embedded, independent Redis nodes. */
        SHARDED,
        /** A Redis Cluster of three masters and three replicas (redis-server 7 from the system). */
        CLUSTER
    }

    private SwitchboardCluster(Map<String, String> senderSettings, String namePrefix, Topology topology) {
        this.senderSettings = Map.copyOf(senderSettings);
        this.namePrefix = namePrefix;
        this.topology = topology;
        database = EmbeddedDatabase.startOnFreePort();
        switch (topology) {
            case SHARDED -> {
                shards = java.util.stream.IntStream.range(0, 3)
                        .mapToObj(i -> EmbeddedRedis.startOnFreePort())
                        .toList();
                redis = shards.getFirst();
                redisCluster = null;
                infra = Infrastructure.of(
                        RedisSetup.sharded(
                                shards.stream().map(EmbeddedRedis::url).toList()),
                        database);
            }
            case CLUSTER -> {
                shards = List.of();
                redis = null;
                redisCluster = RedisCluster.start(Path.of("target", namePrefix + "redis-cluster"), 3, 1);
                infra = Infrastructure.of(RedisSetup.cluster(redisCluster.seeds()), database);
            }
            default -> {
                redis = EmbeddedRedis.startOnFreePort();
                shards = List.of(redis);
                redisCluster = null;
                infra = Infrastructure.of(redis, database);
            }
        }
    }

    /** With the limits of {@link #TEST_TRAFFIC_LIMITS}. */
    public static SwitchboardCluster start(int senderCount, int receiverCount) {
        return start(senderCount, receiverCount, TEST_TRAFFIC_LIMITS, "");
    }

    /**
     * @param senderSettings environment variables every sender gets on top of the usual ones
     * @param namePrefix     before every process name (and log file), for a cluster beside the shared one
     */
    public static SwitchboardCluster start(
            int senderCount, int receiverCount, Map<String, String> senderSettings, String namePrefix) {
        return start(senderCount, receiverCount, senderSettings, namePrefix, Topology.STANDALONE);
    }

    /** On a Redis topology of its own, with the limits of {@link #TEST_TRAFFIC_LIMITS}. */
    public static SwitchboardCluster start(
            int senderCount,
            int receiverCount,
            Map<String, String> senderSettings,
            String namePrefix,
            Topology topology) {
        SwitchboardCluster cluster = new SwitchboardCluster(senderSettings, namePrefix, topology);
        try {
            for (int i = 1; i <= senderCount; i++) {
                cluster.senders.add(cluster.launchSender(namePrefix + "sender-" + i));
            }
            for (int i = 1; i <= receiverCount; i++) {
                cluster.receivers.add(cluster.launchReceiver(namePrefix + "receiver-" + i));
            }
            cluster.senders.forEach(s -> s.awaitReady(START_TIMEOUT));
            cluster.receivers.forEach(r -> r.awaitReady(START_TIMEOUT));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private ServiceProcess launchSender(String id) {
        ServicePorts ports = ServicePorts.free();
        Map<String, String> env = new java.util.LinkedHashMap<>(ServiceEnvironment.sender(infra, layout, ports, id));
        env.putAll(senderSettings);
        return ServiceProcess.start(id, layout.senderApp(), env, ports, logDirectory.resolve(id + ".log"), JVM_OPTIONS);
    }

    private ServiceProcess launchReceiver(String id) {
        ServicePorts ports = ServicePorts.free();
        return ServiceProcess.start(
                id,
                layout.receiverApp(),
                ServiceEnvironment.receiver(infra, layout, ports, id),
                ports,
                logDirectory.resolve(id + ".log"),
                JVM_OPTIONS);
    }

    /**
     * A further sender or receiver ({@code kind}) on this cluster's Redis and PostgreSQL with these settings on top
     * of the usual ones; not tracked: the caller stops it.
     */
    public ServiceProcess launchExtra(String kind, String id, Map<String, String> overrides) {
        ServicePorts ports = ServicePorts.free();
        boolean sender = kind.equals("sender");
        Map<String, String> env = new java.util.LinkedHashMap<>(
                sender
                        ? ServiceEnvironment.sender(infra, layout, ports, id)
                        : ServiceEnvironment.receiver(infra, layout, ports, id));
        env.putAll(overrides);
        return ServiceProcess.start(
                id,
                sender ? layout.senderApp() : layout.receiverApp(),
                env,
                ports,
                logDirectory.resolve(id + ".log"),
                JVM_OPTIONS);
    }

    public List<ServiceProcess> senders() {
        return senders;
    }

    public List<ServiceProcess> receivers() {
        return receivers;
    }

    public ServiceProcess sender(int index) {
        return senders.get(index);
    }

    public ServiceProcess receiver(int index) {
        return receivers.get(index);
    }

    /** The partitions a sender's relay holds, as its readiness report says (empty when it holds none). */
    public Set<Integer> partitionsOf(ApiClient api, ServiceProcess sender) {
        Set<Integer> held = new TreeSet<>();
        for (JsonNode check : api.readiness(sender).path("checks")) {
            if ("outbox-relay".equals(check.path("name").asText())) {
                String list = check.path("data").path("partitions").asText("");
                for (String partition : list.split(",")) {
                    if (!partition.isBlank()) {
                        held.add(Integer.parseInt(partition.strip()));
                    }
                }
            }
        }
        return held;
    }

    /** The live sender whose relay holds the chat's partition. */
    public Optional<ServiceProcess> relayOf(ApiClient api, String chatId) {
        int partition = PARTITIONS.of(UUID.fromString(chatId));
        for (ServiceProcess sender : senders) {
            if (sender.isAlive() && partitionsOf(api, sender).contains(partition)) {
                return Optional.of(sender);
            }
        }
        return Optional.empty();
    }

    /** Whether the live senders' relays hold every partition between them, each exactly once. */
    public boolean everyPartitionRelayedOnce(ApiClient api) {
        List<Integer> held = new ArrayList<>();
        for (ServiceProcess sender : senders) {
            if (sender.isAlive()) {
                held.addAll(partitionsOf(api, sender));
            }
        }
        return held.size() == PARTITIONS.count() && new HashSet<>(held).size() == PARTITIONS.count();
    }

    /** Replaces a dead sender with a fresh process of the same name, so later tests have two again. */
    public ServiceProcess restartSender(ServiceProcess dead) {
        int index = senders.indexOf(dead);
        dead.stop(Duration.ofSeconds(5));
        ServiceProcess fresh = launchSender(dead.name()).awaitReady(START_TIMEOUT);
        senders.set(index, fresh);
        return fresh;
    }

    /** Replaces a dead receiver with a fresh process of the same name. */
    public ServiceProcess restartReceiver(ServiceProcess dead) {
        int index = receivers.indexOf(dead);
        dead.stop(Duration.ofSeconds(5));
        ServiceProcess fresh = launchReceiver(dead.name()).awaitReady(START_TIMEOUT);
        receivers.set(index, fresh);
        return fresh;
    }

    /** Every process that should be running is running and ready (none needed a restart to recover). */
    public void awaitAllReady(Duration timeout) {
        senders.forEach(s -> s.awaitReady(timeout));
        receivers.forEach(r -> r.awaitReady(timeout));
    }

    /** The one Redis of the standalone topology. */
    public EmbeddedRedis redis() {
        if (topology != Topology.STANDALONE) {
            throw new IllegalStateException("no single Redis in the " + topology + " topology");
        }
        return redis;
    }

    /** The independent nodes of the sharded topology, in the order the services know them. */
    public List<EmbeddedRedis> shards() {
        return shards;
    }

    /** The Redis Cluster of the cluster topology. */
    public RedisCluster redisCluster() {
        if (redisCluster == null) {
            throw new IllegalStateException("no Redis Cluster in the " + topology + " topology");
        }
        return redisCluster;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public Map<String, String> describe() {
        return Map.of("redis", infra.redisUrl(), "postgres", infra.jdbcDatabaseUrl(), "logs", logDirectory.toString());
    }

    @Override
    public void close() {
        for (ServiceProcess process : receivers) {
            process.stop(Duration.ofSeconds(10));
        }
        for (ServiceProcess process : senders) {
            process.stop(Duration.ofSeconds(10));
        }
        database.close();
        shards.forEach(EmbeddedRedis::close);
        if (redisCluster != null) {
            redisCluster.close();
        }
    }
}
