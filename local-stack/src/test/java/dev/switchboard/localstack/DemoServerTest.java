package dev.switchboard.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheBuiltAppAndTheStacksPorts(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>demo</title>");
        try (DemoServer server =
                DemoServer.start(dist, "127.0.0.1", FreePorts.find(), List.of(8081, 8082), List.of(8091, 8092))) {
            HttpResponse<String> page = get(server, "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>demo</title>"), page.body());

            HttpResponse<String> config = get(server, "/config.json");
            assertEquals(200, config.statusCode());
            assertEquals(
                    "application/json",
                    config.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("{\"senderPorts\":[8081,8082],\"receiverPorts\":[8091,8092]}", config.body());

            assertEquals(404, get(server, "/missing.js").statusCode());
        }
    }

    @Test
    void theSendersAnswerCorsOnlyForTheDemosPort() {
        var cors = ServiceEnvironment.corsFor(8080);
        assertEquals("true", cors.get("QUARKUS_HTTP_CORS_ENABLED"));
        String origins = cors.get("QUARKUS_HTTP_CORS_ORIGINS");
        String regex = origins.substring(1, origins.length() - 1);
        assertTrue("http://localhost:8080".matches(regex));
        assertTrue("http://192.168.1.20:8080".matches(regex));
        assertTrue(!"http://localhost:8081".matches(regex) && !"http://evil.example:80800".matches(regex));
    }

    private HttpResponse<String> get(DemoServer server, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
