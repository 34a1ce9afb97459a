package dev.switchboard.receiver.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.EventType;
import dev.switchboard.localstack.EmbeddedRedis;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Events;
import dev.switchboard.receiver.testing.LiveReceiverTest;
import dev.switchboard.receiver.testing.Management;
import dev.switchboard.receiver.testing.MetricsScrape;
import dev.switchboard.receiver.testing.RedisPublisher;
import dev.switchboard.receiver.testing.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription is restored after Redis goes away or stops answering, and clients are told to resync. */
@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class SubscriptionRecoveryTest extends LiveReceiverTest {

    @Inject
    EventSubscription subscription;

    private static final String SUBSCRIPTION_UP = "switchboard_receiver_subscription_up";
    private static final String RESYNCS_SENT = "switchboard_receiver_resyncs_sent_total";

    private TestSocket alice;

    @BeforeEach
    void connected() {
        alice = connect("alice");
    }

    @AfterEach
    void redisUpAgain() {
        EmbeddedRedisResource.redis().start(); // whatever happened, leave Redis up for the next test
        await().atMost(TestSocket.WAIT).until(subscriber::isSubscribed);
    }

    private static int readiness() {
        return Management.given().get("/q/health/ready").statusCode();
    }

    @Test
    void redisRestartIsAnnouncedWithResyncAndDeliveryResumes() {
        EmbeddedRedis redis = EmbeddedRedisResource.redis();
        assertEquals(200, readiness());
        assertEquals(1, MetricsScrape.now().value(SUBSCRIPTION_UP));
        double resyncsBefore = MetricsScrape.now().value(RESYNCS_SENT);

        redis.stop();
        await().atMost(TestSocket.WAIT).until(() -> readiness() == 503);
        assertTrue(Management.given().get("/q/health/ready").asString().contains("redis-subscription"));
        assertEquals(0, MetricsScrape.now().value(SUBSCRIPTION_UP));

        redis.start();
        JsonNode resync = alice.next();
        assertEquals("resync", resync.get("type").asText());
        assertEquals("subscription-restored", resync.get("reason").asText());
        await().atMost(TestSocket.WAIT).until(() -> readiness() == 200);
        assertEquals(1, MetricsScrape.now().value(SUBSCRIPTION_UP));
        assertTrue(MetricsScrape.now().value(RESYNCS_SENT) >= resyncsBefore + 1, "alice's resync is counted");

        assertLaterEventsArrive();
    }

    @Test
    void aConnectionThatStopsAnsweringCountsAsLost() {
        long restoredBefore = subscriber.restorations();
        try (RedisPublisher admin = newPublisher()) {
            // Redis keeps the TCP connection open but answers nothing for 3 seconds: only the liveness check sees it.
            admin.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(3000).arg("ALL"));
        }

        await().atMost(TestSocket.WAIT).until(() -> readiness() == 503);
        JsonNode resync = alice.next();
        assertEquals("resync", resync.get("type").asText());
        assertTrue(subscriber.restorations() > restoredBefore);
        await().atMost(TestSocket.WAIT).until(() -> readiness() == 200);

        assertLaterEventsArrive();
    }

    @Test
    void livenessChecksDuringBusyTrafficAreNoLoss() {
        long restoredBefore = subscriber.restorations();
        RedisPubSubSubscription transport = (RedisPubSubSubscription) subscription;
        long checksBefore = transport.passedChecks();
        int published = 0;
        String lastId = null;
        try (RedisPublisher publisher = newPublisher()) {
            // Keep events flowing until several checks have overlapped with them.
            while (transport.passedChecks() < checksBefore + 3) {
                ObjectNode event = Events.event(EventType.MESSAGE_ADDED, List.of("alice"), List.of());
                publisher.publish(EventType.MESSAGE_ADDED, event.toString());
                lastId = event.get("id").asText();
                published++;
            }
        }

        int received = 0;
        for (JsonNode frame = alice.next(); ; frame = alice.next()) {
            assertEquals("event", frame.get("type").asText(), "no resync: " + frame);
            received++;
            if (frame.get("id").asText().equals(lastId)) {
                break;
            }
        }
        assertEquals(published, received);
        assertEquals(restoredBefore, subscriber.restorations());
    }

    private void assertLaterEventsArrive() {
        ObjectNode added = Events.event(EventType.MESSAGE_ADDED, List.of("alice"), List.of());
        try (RedisPublisher publisher = newPublisher()) {
            publisher.publish(EventType.MESSAGE_ADDED, added.toString());
        }
        assertEquals(Events.clientFrame(added), alice.nextIgnoringResync());
    }
}
