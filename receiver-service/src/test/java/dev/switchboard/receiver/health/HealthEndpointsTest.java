package dev.switchboard.receiver.health;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.switchboard.receiver.subscription.EventIngest;
import dev.switchboard.receiver.testing.EmbeddedRedisResource;
import dev.switchboard.receiver.testing.Management;
import dev.switchboard.receiver.testing.TestSocket;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedRedisResource.class)
class HealthEndpointsTest {

    @Inject
    EventIngest subscriber;

    @Test
    void startedOnceTheEndpointListensAndTheSubscriberRuns() {
        await().atMost(TestSocket.WAIT)
                .until(() -> Management.given().get("/q/health/started").statusCode() == 200);
        Management.given()
                .get("/q/health/started")
                .then()
                .body("checks.find { it.name == 'receiver-started' }.status", is("UP"))
                .body("checks.find { it.name == 'receiver-started' }.data.webSocketEndpoint", is("/ws"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        // Finding 8 of the hostile-load issue: they were on the public port, next to /ws.
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/health"}) {
            RestAssured.get(path).then().statusCode(404);
            Management.given().get(path).then().statusCode(200);
        }
    }

    @Test
    void liveWhileTheProcessWorks() {
        Management.given().get("/q/health/live").then().statusCode(200).body("checks.name", hasItems("process"));
    }

    @Test
    void readyWithTheSubscriptionUpAndNoShutdownInProgress() {
        await().atMost(TestSocket.WAIT).until(subscriber::isSubscribed);
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("redis-subscription", "shutdown"))
                .body("checks.find { it.name == 'redis-subscription' }.data.partitionCount", is(64));
    }
}
