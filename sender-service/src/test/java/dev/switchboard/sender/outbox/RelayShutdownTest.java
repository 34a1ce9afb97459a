package dev.switchboard.sender.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.Management;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a SIGTERM does to the relay and the probes (the relay's own part called directly, then started again). */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class RelayShutdownTest {

    private static final String LOCK_HOLDERS =
            "SELECT count(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory' AND granted";

    @Inject
    OutboxRelay relay;

    @AfterEach
    void relayRunsAgain() {
        relay.start(new StartupEvent());
        await().atMost(Duration.ofSeconds(10)).until(relay::isRelaying);
    }

    @Test
    void onShutdownTheRelayReleasesItsLocksAtOnce() {
        await().atMost(Duration.ofSeconds(10)).until(relay::isRelaying);
        assertEquals(1, TestDatabase.queryLong(LOCK_HOLDERS));

        long started = System.nanoTime();
        relay.stop(new ShutdownEvent());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(millis < 2_000, "stopping took " + millis + " ms");
        assertFalse(relay.isRelaying());
        // The session ended with stop(): the other relays' next look (every rebalance-interval) takes the partitions.
        await().atMost(Duration.ofSeconds(2)).until(() -> TestDatabase.queryLong(LOCK_HOLDERS) == 0);
        Management.given()
                .get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'outbox-relay' }.data.partitionsHeld", equalTo(0));
    }

    @Test
    void readinessHasTheGracefulShutdownCheckThatGoesDownFirst() {
        // quarkus.shutdown.delay-enabled: on SIGTERM this check turns DOWN for quarkus.shutdown.delay before the
        // server stops taking requests.
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Graceful Shutdown' }.status", equalTo("UP"));
    }

    @Test
    void theStartupProbeIsUpOnceTheRelayLoopRuns() {
        Management.given()
                .get("/q/health/started")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'sender-started' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sender-started' }.data.relayEnabled", equalTo(true));
        Management.given().get("/q/health/live").then().statusCode(200);
    }
}
