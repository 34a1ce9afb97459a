package dev.switchboard.it.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The REST side of the contract, as a client application would call it. */
public final class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status code and a parsed body (null when empty). */
    public record Answer(int status, JsonNode body, long receivedAtNanos) {
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return body;
        }
    }

    public String devToken(ServiceProcess sender, String userId) {
        return post(sender, "/api/v1/dev/tokens", null, Map.of("userId", userId, "ttlSeconds", 3600), Map.of())
                .expect(200)
                .path("token")
                .asText();
    }

    public JsonNode createChat(ServiceProcess sender, String token, String name, List<String> memberIds) {
        return post(sender, "/api/v1/chats", token, Map.of("name", name, "memberIds", memberIds), Map.of())
                .expect(201);
    }

    public Answer sendMessage(ServiceProcess sender, String token, String chatId, String content) {
        return post(sender, "/api/v1/chats/" + chatId + "/messages", token, Map.of("content", content), Map.of());
    }

    public JsonNode history(ServiceProcess sender, String token, String chatId, long afterSeq, int limit) {
        return get(sender, "/api/v1/chats/" + chatId + "/messages?afterSeq=" + afterSeq + "&limit=" + limit, token)
                .expect(200);
    }

    /** Management paths ({@code /q/...}: health, metrics) are on the service's management port, the rest on its public one. */
    static String url(ServiceProcess service, String path) {
        return (path.startsWith("/q/") ? service.managementUrl() : service.baseUrl()) + path;
    }

    /** A plain-text GET, such as the Prometheus metrics. */
    public String text(ServiceProcess service, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(service, path)))
                    .timeout(Duration.ofSeconds(15))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode readiness(ServiceProcess service) {
        return get(service, "/q/health/ready", null).body();
    }

    public Answer post(ServiceProcess service, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer get(ServiceProcess service, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                .timeout(Duration.ofSeconds(15))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long at = System.nanoTime();
            JsonNode body = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, at);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
