package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster on this machine: {@code masters} masters with {@code replicas} replicas each, every node a
 * {@code redis-server} process (Redis 7 or newer, from the system: Debian's {@code redis-server} package) on free
 * ports, joined by {@code redis-cli --cluster create}, with a short {@code cluster-node-timeout} so that a killed
 * master's replica is promoted within seconds. For the tests of the cluster mode and {@code bin/local-stack --redis
 * cluster}; a fault test kills, restarts and reshards nodes through it.
 */
public final class RedisCluster implements AutoCloseable {

    /** Node timeout: a master that stops answering for this long is failed over by its replica. */
    public static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.");

    private final Path directory;
    private final String server;
    private final String cli;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its client port, bus port, and process (null while stopped). */
    public static final class Node {
        private final int port;
        private final int busPort;
        private final Path directory;
        private Process process;

        Node(int port, int busPort, Path directory) {
            this.port = port;
            this.busPort = busPort;
            this.directory = directory;
        }

        public int port() {
            return port;
        }

        public String url() {
            return "redis://127.0.0.1:" + port;
        }

        public boolean isRunning() {
            return process != null && process.isAlive();
        }

        @Override
        public String toString() {
            return "redis-node:" + port;
        }
    }

    private RedisCluster(Path directory, String server, String cli) {
        this.directory = directory;
        this.server = server;
        this.cli = cli;
    }

    /**
     * Starts and joins the cluster; returns once every slot is served and every node says {@code cluster_state:ok}.
     *
     * @throws IllegalStateException naming what to install when no redis-server 7+ is on this machine
     */
    public static RedisCluster start(Path directory, int masters, int replicas) {
        String server = requireBinary("redis-server");
        String cli = requireBinary("redis-cli");
        requireVersion7(server);
        RedisCluster cluster = new RedisCluster(directory.toAbsolutePath(), server, cli);
        try {
            Files.createDirectories(cluster.directory);
            for (int i = 0; i < masters * (1 + replicas); i++) {
                cluster.nodes.add(cluster.startNode());
            }
            List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
            cluster.nodes.forEach(node -> create.add("127.0.0.1:" + node.port));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
            cluster.run(create, Duration.ofSeconds(60));
            cluster.awaitHealthy();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * A new node on two ports no other node of this cluster uses. A free port found by the OS can be taken by someone
     * else before redis-server binds it: a node that fails to start is tried again on other ports.
     */
    private Node startNode() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port = unusedPort();
            int busPort = unusedPort();
            while (busPort == port) {
                busPort = unusedPort();
            }
            Node node = new Node(port, busPort, directory.resolve("node-" + port));
            Files.createDirectories(node.directory);
            launch(node);
            try {
                awaitPong(node);
                return node;
            } catch (IllegalStateException e) {
                kill(node);
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private int unusedPort() {
        while (true) {
            int port = FreePorts.find();
            boolean taken = nodes.stream().anyMatch(node -> node.port == port || node.busPort == port);
            if (!taken) {
                return port;
            }
        }
    }

    /** Every node, masters and replicas, in start order. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The seed list the services take ({@code QUARKUS_REDIS_HOSTS}): every node. */
    public String seeds() {
        return nodes.stream().map(Node::url).collect(Collectors.joining(","));
    }

    /** The running node that serves {@code slot} as master right now. */
    public Node masterOf(int slot) {
        for (String line : clusterNodes()) {
            String[] fields = line.split(" ");
            if (!fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue; // a slot being migrated or imported
                }
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                if (slot >= from && slot <= to) {
                    return nodeAt(fields[1]);
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The masters that serve slots right now. */
    public List<Node> masters() {
        List<Node> masters = new ArrayList<>();
        for (String line : clusterNodes()) {
            String[] fields = line.split(" ");
            if (fields[2].contains("master") && !fields[2].contains("fail") && fields.length > 8) {
                masters.add(nodeAt(fields[1]));
            }
        }
        return masters;
    }

    /** {@code kill -9} of the node's process. */
    public synchronized void kill(Node node) {
        if (node.process != null) {
            node.process.destroyForcibly();
            waitFor(node.process);
            node.process = null;
        }
    }

    /** Starts a killed node again with its old cluster configuration (it rejoins, as a replica if it was failed over). */
    public synchronized void restart(Node node) {
        if (!node.isRunning()) {
            launch(node);
            awaitPong(node);
        }
    }

    /**
     * Moves one slot, with its keys, from its master to {@code target} the way {@code redis-cli --cluster reshard}
     * does: IMPORTING on the target, MIGRATING on the source, MIGRATE of every key, then the new owner announced to
     * every master.
     */
    public void migrateSlot(int slot, Node target) {
        Node source = masterOf(slot);
        if (source == target) {
            return;
        }
        String targetId = nodeId(target);
        String sourceId = nodeId(source);
        cli(target, "CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", sourceId);
        cli(source, "CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", targetId);
        while (true) {
            String keys = cli(source, "CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "100")
                    .strip();
            if (keys.isEmpty()) {
                break;
            }
            List<String> migrate = new ArrayList<>(
                    List.of("MIGRATE", "127.0.0.1", Integer.toString(target.port), "", "0", "5000", "REPLACE", "KEYS"));
            migrate.addAll(List.of(keys.split("\\s+")));
            cli(source, migrate.toArray(String[]::new));
        }
        for (Node master : List.of(target, source)) {
            cli(master, "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", targetId);
        }
        for (Node master : masters()) {
            if (master != target && master != source) {
                cli(master, "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", targetId);
            }
        }
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok}, all 16384 slots are served, and every running
     * replica's link to its master is up (so that a master killed next is failed over).
     */
    public void awaitHealthy() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            boolean healthy = true;
            for (Node node : nodes) {
                if (!node.isRunning()) {
                    continue;
                }
                String info = cliOrEmpty(node, "CLUSTER", "INFO");
                if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) {
                    healthy = false;
                    break;
                }
                String replication = cliOrEmpty(node, "INFO", "replication");
                if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                    healthy = false;
                    break;
                }
            }
            if (healthy) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis Cluster did not become healthy within " + READY_TIMEOUT);
            }
            sleepBriefly();
        }
    }

    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.destroyForcibly();
                waitFor(node.process);
                node.process = null;
            }
        }
    }

    /** A command on one node through redis-cli; its output. */
    public String cli(Node node, String... command) {
        List<String> args = new ArrayList<>(List.of(cli, "-h", "127.0.0.1", "-p", Integer.toString(node.port)));
        args.addAll(List.of(command));
        return run(args, Duration.ofSeconds(30));
    }

    private String cliOrEmpty(Node node, String... command) {
        try {
            return cli(node, command);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private List<String> clusterNodes() {
        for (Node node : nodes) {
            if (node.isRunning()) {
                String out = cliOrEmpty(node, "CLUSTER", "NODES");
                if (!out.isBlank()) {
                    return out.lines().filter(line -> !line.isBlank()).toList();
                }
            }
        }
        throw new IllegalStateException("no running node of the cluster answers");
    }

    private Node nodeAt(String address) {
        // 127.0.0.1:7000@17000
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
        return nodes.stream()
                .filter(node -> node.port == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown node " + address));
    }

    private String nodeId(Node node) {
        return cli(node, "CLUSTER", "MYID").strip();
    }

    private void launch(Node node) {
        try {
            node.process = new ProcessBuilder(
                            server,
                            "--port",
                            Integer.toString(node.port),
                            "--cluster-port",
                            Integer.toString(node.busPort),
                            "--bind",
                            "127.0.0.1",
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            "nodes.conf",
                            "--cluster-node-timeout",
                            Long.toString(NODE_TIMEOUT.toMillis()),
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            node.directory.toString(),
                            "--logfile",
                            node.directory.resolve("redis.log").toString())
                    .directory(node.directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            node.directory.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + node.port, e);
        }
    }

    private void awaitPong(Node node) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cliOrEmpty(node, "PING").strip().equals("PONG")) {
            if (System.nanoTime() > deadline || !node.isRunning()) {
                throw new IllegalStateException(node + " did not start; see " + node.directory.resolve("redis.log"));
            }
            sleepBriefly();
        }
    }

    private String run(List<String> command, Duration timeout) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0 || out.startsWith("ERR") || out.startsWith("(error)")) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String requireBinary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " (Redis 7 or newer) is not installed: the cluster mode runs on real "
                + "Redis Cluster nodes. On Debian or Ubuntu: apt-get install redis-server");
    }

    private static void requireVersion7(String server) {
        try {
            Process process = new ProcessBuilder(server, "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher version = VERSION.matcher(out);
            Optional<Integer> major =
                    version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
            if (major.isEmpty() || major.get() < 7) {
                throw new IllegalStateException(server + " is not Redis 7 or newer (" + out.strip() + "): sharded "
                        + "pub/sub needs 7. On Debian 12 or newer: apt-get install redis-server");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepBriefly() {
        try {
            // Polling a process we do not control (no event to wait for): a short pause between looks.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
