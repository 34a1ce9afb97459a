package dev.switchboard.sender.testing;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface (health, metrics, OpenAPI), which listens on its own port. */
public final class Management {

    private Management() {}

    public static int port() {
        return Arc.container().instance(HttpServer.class).get().getManagementPort();
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
