package dev.switchboard.loadgen;

import dev.switchboard.events.EventChannels;
import dev.switchboard.events.EventCodec;
import dev.switchboard.events.Partitions;
import dev.switchboard.events.TimeOrderedIds;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One run, phase by phase: tokens, connections, chats, then the open-loop schedule (warm-up, measured window),
 * the drain, and the result files. Set-up failures end the run before anything is measured. With
 * {@code --feed redis} there are no senders in the path: chats are ids the generator makes up, and messages are
 * published to Redis ({@link RedisFeed}), to Switchboard receivers or to the Socket.IO baseline.
 */
final class LoadRun {

    /** Exit codes: the run was clean; it finished with lost, duplicate or failed messages; it could not run. */
    static final int CLEAN = 0;

    static final int PROBLEMS = 1;
    static final int NOT_RUN = 2;

    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final RunParameters p;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile SendScheduler scheduler;
    private volatile boolean interrupted;
    private volatile String phase = "setup";

    LoadRun(RunParameters parameters, PrintStream out) {
        this.p = parameters;
        this.out = out;
    }

    int execute() {
        Thread hook = Thread.ofPlatform().name("loadgen-interrupt").unstarted(this::interrupt);
        Runtime.getRuntime().addShutdownHook(hook);
        int cores = Runtime.getRuntime().availableProcessors();
        // Two Vert.x instances so that a flood of incoming frames never delays the start of a send.
        Vertx fleetVertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(Math.max(2, cores)).setWorkerPoolSize(2));
        Vertx sendVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        try {
            return run(fleetVertx, sendVertx);
        } catch (SetupException e) {
            out.println();
            out.println("Run not measured: " + e.getMessage());
            return NOT_RUN;
        } finally {
            close(fleetVertx);
            close(sendVertx);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and has just been released
            }
        }
    }

    private int run(Vertx fleetVertx, Vertx sendVertx) {
        Instant startedAt = Instant.now();
        List<String> userIds = IntStream.range(0, p.connections())
                .mapToObj(i -> "lg-" + p.runId() + "-" + i)
                .toList();
        ChatPlan plan = ChatPlanner.plan(p.workload(), p.connections(), p.groupSize());
        LatencyHistogram deliveryLatency = new LatencyHistogram();
        LatencyHistogram sendLatency = new LatencyHistogram();
        DeliveryTracker tracker = new DeliveryTracker(p.runId(), p.connections(), deliveryLatency);
        SendStats stats = new SendStats();
        SenderApi api = new SenderApi(sendVertx, p.senders(), p.httpConcurrency(), p.requestTimeout());
        printPlan(plan);

        List<URI> receivers = p.receivers();
        ReceiverMemoryProbe probe = new ReceiverMemoryProbe(p.managementPortOffset());
        // Chats fed through Redis exist only as ids: nothing stores them, and only the fan-out tier is measured.
        List<UUID> fedChats = p.feed().viaRedis()
                ? plan.chats().stream().map(c -> TimeOrderedIds.next()).toList()
                : List.of();
        ServerProtocol protocol = protocol(plan, fedChats);

        TokenSource tokenSource = tokenSource(sendVertx, api);
        long t = System.nanoTime();
        List<String> tokens = socketIo()
                ? Collections.nCopies(userIds.size(), "")
                : tokenSource.tokensFor(userIds, p.tokenLifetime());
        double tokenSeconds = secondsSince(t);
        if (!socketIo()) {
            out.printf(
                    Locale.ROOT,
                    "tokens       %d in %.1fs (%s)%n",
                    tokens.size(),
                    tokenSeconds,
                    tokenSource.describe());
        }
        List<ReceiverMemoryProbe.Sample> memoryBefore = List.of();
        if (p.workload() == Workload.IDLE) {
            warmUpIdle(fleetVertx, receivers, userIds, tokens, protocol);
            memoryBefore = receivers.stream().map(probe::sample).toList();
        }
        // The abuser talks through a client of its own: the generator must not queue bystanders behind it.
        SenderApi floodApi = p.flood() == null
                ? null
                : new SenderApi(sendVertx, p.senders(), p.flood().concurrency(), p.requestTimeout());
        Flood flood = p.flood() == null ? null : new Flood(p.flood(), p.runId(), sendVertx, floodApi);

        t = System.nanoTime();
        try (ClientFleet fleet = openFleet(fleetVertx, receivers, tracker, userIds, tokens, protocol)) {
            double connectSeconds = secondsSince(t);
            out.printf(
                    Locale.ROOT,
                    "connections  %d open in %.1fs %s%n",
                    fleet.openCount(),
                    connectSeconds,
                    fleet.openPerReceiver());

            t = System.nanoTime();
            List<String> chatIds = p.feed().viaRedis()
                    ? registerFedChats(plan, fedChats, tracker)
                    : createChats(sendVertx, api, plan, userIds, tokens, tracker);
            double chatSeconds = secondsSince(t);
            if (!plan.chats().isEmpty() && !p.feed().viaRedis()) {
                out.printf(Locale.ROOT, "chats        %d created in %.1fs%n", chatIds.size(), chatSeconds);
            }
            if (flood != null) {
                flood.prepare(
                        tokenSource
                                .tokensFor(List.of(flood.abuser()), p.tokenLifetime())
                                .getFirst(),
                        out);
            }
            RunResult.Setup setup = new RunResult.Setup(
                    tokenSource.describe(),
                    round(tokenSeconds),
                    round(connectSeconds),
                    round(chatSeconds),
                    chatIds.size(),
                    deliveriesPerMessage(plan),
                    fleet.openPerReceiver());

            Duration measured;
            List<ReceiverMemory> memory = new ArrayList<>();
            ReceiverCpu cpu = null;
            try (ProgressReporter progress =
                    new ProgressReporter(out, () -> snapshot(stats, tracker, deliveryLatency, fleet)).start()) {
                if (p.workload() == Workload.IDLE) {
                    measured = holdIdle();
                    Map<String, Long> perReceiver = fleet.openPerReceiver();
                    for (int i = 0; i < receivers.size(); i++) {
                        URI receiver = receivers.get(i);
                        memory.add(ReceiverMemoryProbe.compare(
                                receiver,
                                perReceiver.getOrDefault(receiver.toString(), 0L),
                                memoryBefore.get(i),
                                probe.sample(receiver)));
                    }
                } else {
                    ReceiverCpuProbe.Reading cpuStart =
                            ReceiverCpuProbe.read(receivers, fleet.stats().frames());
                    Context httpContext = sendVertx.getOrCreateContext();
                    measured = sendAndDrain(
                            measureFrom -> p.feed().viaRedis()
                                    ? new RedisFeed(
                                            sendVertx,
                                            p.feed().redis(),
                                            p.httpConcurrency(),
                                            p.runId(),
                                            plan,
                                            fedChats,
                                            userIds,
                                            feedEncoding(),
                                            stats,
                                            tracker,
                                            sendLatency,
                                            measureFrom,
                                            p.messageBytes())
                                    : new MessageSender(
                                            p.runId(),
                                            plan,
                                            chatIds,
                                            tokens,
                                            api,
                                            httpContext,
                                            stats,
                                            tracker,
                                            sendLatency,
                                            measureFrom,
                                            p.messageBytes()),
                            tracker,
                            flood);
                    cpu = ReceiverCpuProbe.between(
                            cpuStart,
                            ReceiverCpuProbe.read(receivers, fleet.stats().frames()));
                }
            }
            RunResult result = ResultBuilder.build(
                    p,
                    startedAt,
                    Instant.now(),
                    setup,
                    scheduler,
                    stats,
                    tracker.counts(),
                    deliveryLatency.snapshot(),
                    sendLatency.snapshot(),
                    measured,
                    fleet.stats(),
                    memory,
                    cpu,
                    flood == null ? null : flood.outcome(),
                    interrupted);
            new ResultWriter(out).write(result, deliveryLatency.snapshot(), sendLatency.snapshot(), p.out());
            return result.problems().isEmpty() ? CLEAN : PROBLEMS;
        } finally {
            api.close();
            if (floodApi != null) {
                floodApi.close();
            }
        }
    }

    private void printPlan(ChatPlan plan) {
        out.printf(
                Locale.ROOT,
                "%s %s: workload %s, %d connections over %d %s%n",
                FeedParameters.runTitle(p.feed().serverId()),
                p.runId(),
                p.workload().id(),
                p.connections(),
                p.receivers().size(),
                p.feed().viaRedis()
                        ? "servers, messages published to " + p.feed().redis()
                        : "receivers, " + p.senders().size() + " senders");
        if (p.workload().sendsMessages()) {
            double fanOut = deliveriesPerMessage(plan);
            out.printf(
                    Locale.ROOT,
                    "plan         %d chat(s) of %s members; %.0f msg/s -> %.0f deliveries/s expected; "
                            + "warm-up %s, measured %s, drain up to %s%n",
                    plan.chats().size(),
                    memberSizes(plan),
                    p.rate(),
                    p.rate() * fanOut,
                    DurationConverter.format(p.warmup()),
                    DurationConverter.format(p.duration()),
                    DurationConverter.format(p.drain()));
        } else {
            out.printf(
                    Locale.ROOT,
                    "plan         hold the connections for %s, then read the receivers' memory%n",
                    DurationConverter.format(p.duration()));
        }
    }

    private static String memberSizes(ChatPlan plan) {
        var sizes = plan.chats().stream().mapToInt(c -> c.members().size()).summaryStatistics();
        return sizes.getMin() == sizes.getMax()
                ? Integer.toString(sizes.getMin())
                : sizes.getMin() + ".." + sizes.getMax();
    }

    /** Average member connections per message: the fan-out. */
    static double deliveriesPerMessage(ChatPlan plan) {
        return plan.chats().isEmpty()
                ? 0
                : (double) plan.totalMemberships() / plan.chats().size();
    }

    private boolean socketIo() {
        return p.feed().server() == FeedParameters.Server.SOCKETIO;
    }

    private ServerProtocol protocol(ChatPlan plan, List<UUID> fedChats) {
        if (!socketIo()) {
            return new SwitchboardProtocol(p.events());
        }
        List<List<String>> rooms = IntStream.range(0, p.connections())
                .mapToObj(i -> (List<String>) new ArrayList<String>())
                .toList();
        for (PlannedChat chat : plan.chats()) {
            String room = fedChats.get(chat.index()).toString();
            chat.members().forEach(member -> rooms.get(member).add(room));
        }
        return new SocketIoProtocol(rooms::get);
    }

    private FeedEncoding feedEncoding() {
        EventCodec codec = new EventCodec();
        return socketIo()
                ? new SocketIoFeedEncoding(codec)
                : new SwitchboardFeedEncoding(
                        new EventChannels(
                                p.feed().channelPrefix(),
                                new Partitions(p.feed().partitions())),
                        codec);
    }

    private static List<String> registerFedChats(ChatPlan plan, List<UUID> fedChats, DeliveryTracker tracker) {
        List<String> ids = fedChats.stream().map(UUID::toString).toList();
        for (PlannedChat chat : plan.chats()) {
            tracker.registerChat(ids.get(chat.index()), chat.members());
        }
        return ids;
    }

    private TokenSource tokenSource(Vertx vertx, SenderApi api) {
        return switch (p.tokenSource()) {
            case DEV -> new TokenSource.Dev(vertx, api, Math.min(64, p.httpConcurrency()));
            case KEY ->
                new TokenSource.Signed(
                        JwtSigner.fromPem(p.signingKey(), p.issuer(), p.audience()),
                        p.signingKey() + " as issuer " + p.issuer() + " for audience " + p.audience());
        };
    }

    private List<String> createChats(
            Vertx vertx,
            SenderApi api,
            ChatPlan plan,
            List<String> userIds,
            List<String> tokens,
            DeliveryTracker tracker) {
        List<PlannedChat> chats = plan.chats();
        List<String> ids = BoundedConcurrency.await(
                BoundedConcurrency.all(vertx, chats.size(), Math.min(32, p.httpConcurrency()), k -> {
                    PlannedChat chat = chats.get(k);
                    return api.createChat(
                            tokens.get(chat.creator()),
                            "loadgen " + p.runId() + " #" + k,
                            chat.invited().stream().map(userIds::get).toList());
                }),
                Duration.ofSeconds(60).plusMillis(chats.size() * 50L),
                "creating " + chats.size() + " chats");
        for (int k = 0; k < chats.size(); k++) {
            tracker.registerChat(ids.get(k), chats.get(k).members());
        }
        return ids;
    }

    /** Where the schedule's messages go, made once the measured window's start is known. */
    private interface SinkFactory {
        SendScheduler.Sink sinkMeasuredFrom(long measureFromNanos);
    }

    /** Runs the schedule on this thread, then waits for the deliveries; answers the measured window's length. */
    private Duration sendAndDrain(SinkFactory sinks, DeliveryTracker tracker, Flood flood) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + p.warmup().toNanos();
        long end = measureFrom + p.duration().toNanos();
        tracker.measureFrom(measureFrom);
        SendScheduler.Sink sink = sinks.sinkMeasuredFrom(measureFrom);
        try {
            return schedule(sink, start, measureFrom, end, tracker, flood);
        } finally {
            if (sink instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the run is measured; a connection that does not close cleanly changes nothing
                }
            }
        }
    }

    private Duration schedule(
            SendScheduler.Sink sink, long start, long measureFrom, long end, DeliveryTracker tracker, Flood flood) {
        scheduler = new SendScheduler(p.rate(), p.httpConcurrency(), sink);
        phase = p.warmup().isZero() ? "measure" : "warmup";
        Thread phaseSwitch = Thread.ofVirtual().start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(measureFrom - System.nanoTime());
                phase = "measure";
            } catch (InterruptedException e) {
                // the schedule ended first
            }
        });
        SendScheduler floodScheduler = flood == null
                ? null
                : new SendScheduler(p.flood().rate(), p.flood().concurrency(), flood);
        Thread floodThread = floodScheduler == null
                ? null
                : Thread.ofPlatform().name("loadgen-flood").start(() -> floodScheduler.run(start, end));
        scheduler.run(start, end);
        phaseSwitch.interrupt();
        if (floodThread != null) {
            floodScheduler.stop();
            try {
                floodThread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long stoppedAt = System.nanoTime();
        phase = "drain";
        drain(tracker);
        // The last message is handed over up to one interval before the end: the window is the schedule's, unless
        // Ctrl-C cut it short.
        long measuredNanos = Math.max(0, (interrupted ? Math.min(stoppedAt, end) : end) - measureFrom);
        return Duration.ofNanos(measuredNanos);
    }

    /**
     * Waits until no send is in flight and every acknowledged message reached every member, plus a short settle
     * for late duplicates, or until {@code --drain} has passed.
     */
    private void drain(DeliveryTracker tracker) {
        long deadline = System.nanoTime() + p.drain().toNanos();
        long completeSince = 0;
        while (System.nanoTime() - deadline < 0) {
            boolean complete = scheduler.inFlight() == 0 && tracker.counts().lost() == 0;
            if (!complete) {
                completeSince = 0;
            } else if (completeSince == 0) {
                completeSince = System.nanoTime();
            } else if (System.nanoTime() - completeSince >= SETTLE.toNanos()) {
                return;
            }
            sleep(100);
        }
    }

    /**
     * The idle workload's "before" reading comes after one round of the same connections opened, held for the
     * warm-up and closed, so that what the receiver loads, compiles and pools once (classes, JIT code, Netty's
     * arenas) is not counted as the cost of a connection; then {@code --drain} passes before the reading.
     */
    private void warmUpIdle(
            Vertx fleetVertx, List<URI> receivers, List<String> userIds, List<String> tokens, ServerProtocol protocol) {
        if (p.warmup().isZero()) {
            return;
        }
        phase = "warmup";
        DeliveryTracker uncounted = new DeliveryTracker(p.runId(), p.connections(), new LatencyHistogram());
        try (ClientFleet warmUp = openFleet(fleetVertx, receivers, uncounted, userIds, tokens, protocol)) {
            out.printf(
                    Locale.ROOT,
                    "warm-up      %d connections opened, held %s%n",
                    warmUp.openCount(),
                    DurationConverter.format(p.warmup()));
            hold(p.warmup());
        }
        // The receiver is given the drain time to close the warm-up's sockets and collect what they held, as a
        // receiver does between two reconnect storms.
        phase = "settle";
        hold(p.drain());
    }

    /** Opens one connection per user; on failure the fleet is closed before the exception leaves. */
    private ClientFleet openFleet(
            Vertx fleetVertx,
            List<URI> receivers,
            DeliveryTracker tracker,
            List<String> userIds,
            List<String> tokens,
            ServerProtocol protocol) {
        ClientFleet fleet = new ClientFleet(
                fleetVertx, receivers, tracker, p.connections(), Duration.ofSeconds(15), p.deflate(), protocol);
        try {
            fleet.open(
                    userIds,
                    tokens,
                    p.connectConcurrency(),
                    Duration.ofSeconds(60).plusMillis(p.connections() * 20L));
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private void hold(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (!interrupted && System.nanoTime() - end < 0) {
            sleep(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    private Duration holdIdle() {
        phase = "idle";
        long start = System.nanoTime();
        hold(p.duration());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private ProgressReporter.Snapshot snapshot(
            SendStats stats, DeliveryTracker tracker, LatencyHistogram latency, ClientFleet fleet) {
        SendScheduler s = scheduler;
        FleetStats f = fleet.stats();
        return new ProgressReporter.Snapshot(
                phase,
                stats.sentCount(),
                stats.skippedCount(),
                stats.okCount(),
                stats.non2xxCount(),
                stats.errorCount(),
                s == null ? 0 : s.inFlight(),
                tracker.deliveredSoFar(),
                latency.snapshot(),
                f.open(),
                f.connections(),
                f.unexpectedCloseCount(),
                f.resyncs());
    }

    /** Ctrl-C: stop scheduling, let the drain and the result files finish, then let the JVM go. */
    private void interrupt() {
        interrupted = true;
        SendScheduler s = scheduler;
        if (s != null) {
            s.stop();
        }
        try {
            finished.await(p.drain().toSeconds() + 20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Vertx vertx) {
        try {
            BoundedConcurrency.await(vertx.close(), Duration.ofSeconds(10), "stopping Vert.x");
        } catch (SetupException e) {
            // the process is ending anyway; nothing left to measure
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted", e);
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
