package dev.switchboard.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything a run was asked to do; written into {@code result.json} so every number has its context. */
public record RunParameters(
        String runId,
        List<URI> senders,
        List<URI> receivers,
        int connections,
        Workload workload,
        int groupSize,
        double rate,
        Duration duration,
        Duration warmup,
        Duration drain,
        TokenSourceKind tokenSource,
        Path signingKey,
        String issuer,
        String audience,
        int managementPortOffset,
        Path out,
        int httpConcurrency,
        Duration requestTimeout,
        int connectConcurrency,
        int messageBytes,
        FloodParameters flood,
        boolean deflate,
        List<String> events,
        FeedParameters feed) {

    public enum TokenSourceKind {
        DEV,
        KEY
    }

    /**
     * @param flood   the abusive user of the flood workload; null for every other workload
     * @param deflate clients offer permessage-deflate, as browsers do
     * @param events  the event types each client subscribes to after its welcome; empty: all of them
     * @param feed    where messages enter (senders or Redis) and which kind of server the clients talk to
     */
    public RunParameters {
        events = List.copyOf(events);
        senders = List.copyOf(senders);
        receivers = List.copyOf(receivers);
    }

    /** How long the tokens must stay valid: set-up, the whole run and the drain, with a wide margin. */
    public Duration tokenLifetime() {
        Duration needed = warmup.plus(duration).plus(drain).plus(Duration.ofMinutes(30));
        return needed.compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24) : needed;
    }
}
