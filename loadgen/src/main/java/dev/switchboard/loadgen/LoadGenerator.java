package dev.switchboard.loadgen;

import dev.switchboard.events.Partitions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code loadgen} command: reads the options, checks them, and hands a {@link LoadRun} its parameters. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        version = "switchboard-loadgen 1.0.0-SNAPSHOT",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Open-loop load generator for Switchboard: C simulated users on WebSocket connections, messages sent "
                    + "at a fixed rate through the senders, end-to-end latency (from the intended send time) and "
                    + "delivery correctness measured at every member connection.",
            "Exit status: 0 clean run, 1 run finished with problems (loss, duplicates, errors, skips), "
                    + "2 bad options or set-up failed."
        })
public final class LoadGenerator implements Callable<Integer> {

    @Option(
            names = "--senders",
            split = ",",
            paramLabel = "URL",
            description = "Sender base URLs, comma-separated; sends go round-robin. Default: ${DEFAULT-VALUE}.",
            defaultValue = "http://127.0.0.1:8081,http://127.0.0.1:8082")
    List<URI> senders;

    @Option(
            names = "--receivers",
            split = ",",
            paramLabel = "URL",
            description = "Receiver WebSocket URLs, comma-separated; user i connects to receiver i mod R. "
                    + "Default: ${DEFAULT-VALUE}.",
            defaultValue = "ws://127.0.0.1:8091/ws,ws://127.0.0.1:8092/ws")
    List<URI> receivers;

    @Option(
            names = "--connections",
            paramLabel = "C",
            defaultValue = "100",
            description = "Simulated users, one WebSocket connection each. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(
            names = "--workload",
            paramLabel = "W",
            defaultValue = "direct",
            description = "direct (1:1 chats), groups (chats of --group-size), broadcast (one chat of --group-size), "
                    + "flood (direct bystanders while one abusive user floods big chats: --flood-*), "
                    + "idle (hold the connections, report receiver memory). Default: ${DEFAULT-VALUE}.")
    Workload workload;

    @Option(
            names = "--group-size",
            paramLabel = "N",
            description = "Members per chat, creator included, at most 1000. Default: 100 for groups, 1000 for "
                    + "broadcast (capped at --connections).")
    Integer groupSize;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "100",
            description = "Messages per second, all chats together, on a fixed schedule. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Measured sending time (idle: how long to hold the connections). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--warmup",
            paramLabel = "D",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Sending at the full rate before the measured window; counted but not timed (idle: "
                    + "the connections opened, held this long and closed once before the memory baseline). "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(
            names = "--drain",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "After the last send, how long to wait for deliveries before the missing ones count as "
                    + "lost (ends early once everything arrived). Idle: the pause between the warm-up's connections closing and "
                    + "the memory baseline. Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(
            names = "--token-source",
            paramLabel = "dev|key",
            defaultValue = "dev",
            description = "dev: POST /api/v1/dev/tokens on the senders; key: sign locally with --signing-key. "
                    + "Default: ${DEFAULT-VALUE}.")
    RunParameters.TokenSourceKind tokenSource;

    @Option(
            names = "--signing-key",
            paramLabel = "PEM",
            description = "PKCS#8 RSA private key for --token-source key, e.g. dev-keys/DEV-ONLY-jwt-signing-key.pem.")
    Path signingKey;

    @Option(
            names = "--issuer",
            paramLabel = "ISS",
            defaultValue = "switchboard-dev",
            description = "iss claim of locally signed tokens. Default: ${DEFAULT-VALUE}.")
    String issuer;

    @Option(
            names = "--audience",
            paramLabel = "AUD",
            defaultValue = "switchboard",
            description = "aud claim of locally signed tokens (the services' switchboard.auth.audience)."
                    + " Default: ${DEFAULT-VALUE}.")
    String audience;

    @Option(
            names = "--deflate",
            description = "Clients offer permessage-deflate, as every browser does (the receiver accepts it only with"
                    + " switchboard.socket.compression=on).")
    boolean deflate;

    @Option(
            names = "--events",
            split = ",",
            paramLabel = "TYPE",
            description = "Event types each client subscribes to after its welcome, e.g. messageAdded for one frame"
                    + " per member per message. Default: all.")
    List<String> events;

    @Option(
            names = "--feed",
            paramLabel = "senders|redis",
            defaultValue = "senders",
            description = "senders: messages sent through the senders' REST API (the whole path); redis: each "
                    + "message's messageAdded published straight to --redis, as a relay would, so that only the "
                    + "WebSocket tier is measured (no senders, no PostgreSQL; chats are made-up ids). "
                    + "Default: ${DEFAULT-VALUE}.")
    FeedParameters.Source feed;

    @Option(
            names = "--server",
            paramLabel = "switchboard|socketio",
            defaultValue = "switchboard",
            description = "What --receivers are: Switchboard receivers, or the Socket.IO baseline "
                    + "(loadgen/socketio/server.mjs: Socket.IO 4.8 with @socket.io/redis-adapter; needs --feed redis; "
                    + "URLs like ws://127.0.0.1:3001). Default: ${DEFAULT-VALUE}.")
    FeedParameters.Server server;

    @Option(
            names = "--redis",
            paramLabel = "URL",
            defaultValue = FeedParameters.DEFAULT_REDIS_URL,
            description = "--feed redis: the Redis the servers subscribe to (the local stack prints its own). "
                    + "Default: ${DEFAULT-VALUE}.")
    URI redis;

    @Option(
            names = "--channel-prefix",
            paramLabel = "P",
            defaultValue = "switchboard:",
            description = "--feed redis to receivers: their switchboard.channel-prefix. Default: ${DEFAULT-VALUE}.")
    String channelPrefix;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "64",
            description = "--feed redis to receivers: their switchboard.partitions. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = "--management-port-offset",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Where a receiver's /q/metrics is, for the idle workload's memory reading: its /ws port plus"
                    + " this (the local stack's and compose's convention: 8091 -> 9091). Default: ${DEFAULT-VALUE}.")
    int managementPortOffset;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Where result.json and report.html go. Default: loadgen/target/results/<timestamp>-<workload>.")
    Path out;

    @Option(
            names = "--http-concurrency",
            paramLabel = "N",
            defaultValue = "256",
            description = "Most sends in flight; a send due beyond it is skipped and counted, never delayed. "
                    + "Default: ${DEFAULT-VALUE}.")
    int httpConcurrency;

    @Option(
            names = "--request-timeout",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "A send with no answer for this long counts as an error. Default: ${DEFAULT-VALUE}.")
    Duration requestTimeout;

    @Option(
            names = "--connect-concurrency",
            paramLabel = "N",
            defaultValue = "100",
            description = "WebSocket handshakes in progress at once during set-up. Default: ${DEFAULT-VALUE}.")
    int connectConcurrency;

    @Option(
            names = "--message-bytes",
            paramLabel = "B",
            defaultValue = "0",
            description = "Pad each message's content to at least this many bytes (at most 16384). "
                    + "Default: ${DEFAULT-VALUE} (no padding, ~40 bytes).")
    int messageBytes;

    @Option(
            names = "--flood-chats",
            paramLabel = "N",
            defaultValue = "200",
            description = "flood: chats the abusive user makes. Default: ${DEFAULT-VALUE}.")
    int floodChats;

    @Option(
            names = "--flood-members",
            paramLabel = "N",
            defaultValue = "1000",
            description = "flood: members of each (made-up ids, creator included). Default: ${DEFAULT-VALUE}.")
    int floodMembers;

    @Option(
            names = "--flood-targets",
            paramLabel = "N",
            defaultValue = "16",
            description = "flood: how many of its chats the abuser sends into. Default: ${DEFAULT-VALUE}.")
    int floodTargets;

    @Option(
            names = "--flood-rate",
            paramLabel = "R",
            defaultValue = "61.5",
            description = "flood: the abuser's sends per second. Default: ${DEFAULT-VALUE}.")
    double floodRate;

    @Option(
            names = "--flood-bytes",
            paramLabel = "B",
            defaultValue = "16384",
            description = "flood: content bytes of each of its messages. Default: ${DEFAULT-VALUE}.")
    int floodBytes;

    @Option(
            names = "--flood-concurrency",
            paramLabel = "N",
            defaultValue = "16",
            description = "flood: the abuser's requests in flight at most. Default: ${DEFAULT-VALUE}.")
    int floodConcurrency;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "Names this run's users (lg-<id>-<i>) and chats. Default: random.")
    String runId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LoadGenerator())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, cli, parsed) -> {
                    // Anything not caught as a set-up failure (an unreadable key, an unwritable --out): say what,
                    // keep the trace for a bug report, and do not exit 1, which means "ran, with problems".
                    cli.getErr().println("loadgen failed: " + error.getMessage());
                    error.printStackTrace(cli.getErr());
                    return LoadRun.NOT_RUN;
                });
    }

    @Override
    public Integer call() {
        RunParameters parameters = parameters();
        return new LoadRun(parameters, System.out).execute();
    }

    /** The checked parameters, with the defaults that depend on other options filled in. */
    RunParameters parameters() {
        String id = runId != null ? runId : randomRunId();
        int size = groupSize != null ? groupSize : workload == Workload.BROADCAST ? ChatPlanner.MAX_MEMBERS : 100;
        require(connections >= 1, "--connections must be at least 1");
        require(workload != Workload.DIRECT || connections >= 2, "--workload direct needs at least 2 connections");
        require(workload != Workload.FLOOD || connections >= 2, "--workload flood needs at least 2 connections");
        require(floodChats >= 1 && floodTargets >= 1 && floodConcurrency >= 1, "--flood-* counts must be positive");
        require(floodMembers >= 2 && floodMembers <= ChatPlanner.MAX_MEMBERS, "--flood-members must be 2 to 1000");
        require(floodRate > 0, "--flood-rate must be positive");
        require(floodBytes >= 20 && floodBytes <= 16_384, "--flood-bytes must be between 20 and 16384");
        require(size >= 1 && size <= ChatPlanner.MAX_MEMBERS, "--group-size must be between 1 and 1000");
        require(!workload.sendsMessages() || rate > 0, "--rate must be positive");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!warmup.isNegative() && !drain.isNegative(), "--warmup and --drain cannot be negative");
        require(httpConcurrency >= 1, "--http-concurrency must be at least 1");
        require(connectConcurrency >= 1, "--connect-concurrency must be at least 1");
        require(messageBytes >= 0 && messageBytes <= 16_384, "--message-bytes must be between 0 and 16384");
        require(id.matches("[A-Za-z0-9]{1,20}"), "--run-id must be 1 to 20 letters or digits");
        require(!senders.isEmpty() && !receivers.isEmpty(), "--senders and --receivers need at least one URL each");
        for (URI receiver : receivers) {
            require(
                    "ws".equals(receiver.getScheme()) || "wss".equals(receiver.getScheme()),
                    "--receivers must be ws:// or wss:// URLs: " + receiver);
        }
        for (URI sender : senders) {
            require(
                    "http".equals(sender.getScheme()) || "https".equals(sender.getScheme()),
                    "--senders must be http:// or https:// URLs: " + sender);
        }
        require(
                server != FeedParameters.Server.SOCKETIO || feed == FeedParameters.Source.REDIS,
                "--server socketio needs --feed redis: a Socket.IO server has no senders");
        require(
                feed == FeedParameters.Source.SENDERS || workload != Workload.FLOOD,
                "--workload flood sends through the senders: it cannot be fed through Redis");
        require(
                server == FeedParameters.Server.SWITCHBOARD || !deflate,
                "--deflate is not offered to the Socket.IO baseline (it declines permessage-deflate as shipped)");
        require(
                "redis".equals(redis.getScheme()) || "rediss".equals(redis.getScheme()),
                "--redis must be a redis:// or rediss:// URL: " + redis);
        require(
                partitions >= 1 && partitions <= Partitions.MAX_COUNT,
                "--partitions must be between 1 and " + Partitions.MAX_COUNT);
        if (tokenSource == RunParameters.TokenSourceKind.KEY) {
            require(signingKey != null, "--token-source key needs --signing-key <pkcs8.pem>");
            require(Files.isReadable(signingKey), "--signing-key not readable: " + signingKey);
        }
        Path dir = out != null ? out : defaultOut(id);
        return new RunParameters(
                id,
                senders,
                receivers,
                connections,
                workload,
                size,
                rate,
                duration,
                warmup,
                drain,
                tokenSource,
                signingKey,
                issuer,
                audience,
                managementPortOffset,
                dir,
                httpConcurrency,
                requestTimeout,
                connectConcurrency,
                messageBytes,
                workload == Workload.FLOOD
                        ? new FloodParameters(
                                floodChats, floodMembers, floodTargets, floodRate, floodBytes, floodConcurrency)
                        : null,
                deflate,
                events == null ? List.of() : events,
                new FeedParameters(feed, server, redis, channelPrefix, partitions));
    }

    private Path defaultOut(String id) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        // From the repository root (the README's examples) results land in the module's target directory.
        Path base = Files.isDirectory(Path.of("loadgen"))
                ? Path.of("loadgen", "target", "results")
                : Path.of("target", "results");
        return base.resolve(stamp + "-" + workload.id() + "-" + id);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private static String randomRunId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
