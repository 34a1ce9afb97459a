package dev.switchboard.loadgen;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where the simulated users' JWTs come from. */
public sealed interface TokenSource {

    /** One token per user id, in the same order. Blocks the calling thread. */
    List<String> tokensFor(List<String> userIds, Duration lifetime);

    /** Say where the tokens come from, for the set-up log. */
    String describe();

    /**
     * The senders' {@code POST /api/v1/dev/tokens}: needs dev tokens on (the local stack), costs one request per
     * user, but needs no key on this machine.
     */
    record Dev(Vertx vertx, SenderApi senders, int concurrency) implements TokenSource {
        @Override
        public List<String> tokensFor(List<String> userIds, Duration lifetime) {
            return BoundedConcurrency.await(
                    BoundedConcurrency.all(
                            vertx, userIds.size(), concurrency, i -> senders.devToken(userIds.get(i), lifetime)),
                    Duration.ofSeconds(60).plusMillis(userIds.size() * 20L),
                    "fetching dev tokens");
        }

        @Override
        public String describe() {
            return "dev token endpoint of the senders";
        }
    }

    /** Signed here with the deployment's private key: works with dev tokens off, and costs no requests. */
    record Signed(JwtSigner signer, String keyDescription) implements TokenSource {
        @Override
        public List<String> tokensFor(List<String> userIds, Duration lifetime) {
            Instant now = Instant.now();
            // RSA signing is ~1 ms of CPU per token: spread thousands over the cores.
            return userIds.parallelStream()
                    .map(user -> signer.sign(user, now, now.plus(lifetime)))
                    .toList();
        }

        @Override
        public String describe() {
            return "signed locally with " + keyDescription;
        }
    }
}
