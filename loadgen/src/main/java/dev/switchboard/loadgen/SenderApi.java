package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender REST calls the generator makes, on a non-blocking Vert.x HTTP client with keep-alive pools, each
 * call to the next sender in turn.
 */
public final class SenderApi {

    /** An HTTP answer: status and body. */
    public record Answer(int status, Buffer body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String bodySnippet() {
            String text = body == null ? "" : body.toString();
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }

    /** A 2xx answer to a message send: where the message landed. */
    public record SentMessage(String chatId, long seq) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final List<String> senders;
    private final long timeoutMillis;
    private final AtomicLong turn = new AtomicLong();

    public SenderApi(Vertx vertx, List<URI> senders, int maxConnectionsPerSender, Duration timeout) {
        if (senders.isEmpty()) {
            throw new IllegalArgumentException("at least one sender is needed");
        }
        this.senders =
                senders.stream().map(u -> u.toString().replaceAll("/+$", "")).toList();
        this.timeoutMillis = timeout.toMillis();
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, timeoutMillis)),
                new PoolOptions().setHttp1MaxSize(Math.max(1, maxConnectionsPerSender)));
    }

    /** {@code POST /api/v1/dev/tokens}: only where the deployment has dev tokens on. */
    public Future<String> devToken(String userId, Duration ttl) {
        ObjectNode body = JSON.createObjectNode().put("userId", userId).put("ttlSeconds", ttl.toSeconds());
        String sender = nextSender();
        return post(sender + "/api/v1/dev/tokens", null, body.toString()).compose(answer -> {
            if (answer.status() == 404) {
                return Future.failedFuture(new BoundedConcurrency.PermanentFailure("dev tokens are off at " + sender
                        + " (404): use --token-source key --signing-key <pkcs8.pem> --issuer <iss>"));
            }
            if (!answer.ok()) {
                return Future.failedFuture(failure("dev token for " + userId, sender, answer));
            }
            return Future.succeededFuture(field(answer, "token").asText());
        });
    }

    /** {@code POST /api/v1/chats} as the creator; answers the new chat's id. */
    public Future<String> createChat(String creatorToken, String name, List<String> memberIds) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        memberIds.forEach(body.putArray("memberIds")::add);
        String sender = nextSender();
        return post(sender + "/api/v1/chats", creatorToken, body.toString()).compose(answer -> {
            if (answer.status() != 201) {
                return Future.failedFuture(failure("create chat '" + name + "'", sender, answer));
            }
            return Future.succeededFuture(field(answer, "id").asText());
        });
    }

    /**
     * {@code POST /api/v1/chats/{chatId}/messages}. The future fails only when no HTTP answer came; any status
     * is an answer, for the caller to count.
     */
    public Future<Answer> sendMessage(String authorToken, String chatId, String content, String clientMessageId) {
        // The content and ids are generated from [A-Za-z0-9|.@_-], so plain concatenation is valid JSON and spares
        // a serializer on the hot path.
        String body = "{\"content\":\"" + content + "\",\"contentType\":\"text\",\"clientMessageId\":\""
                + clientMessageId + "\"}";
        return post(nextSender() + "/api/v1/chats/" + chatId + "/messages", authorToken, body);
    }

    /** Reads where a 2xx send answer's message landed. */
    public static SentMessage sentMessage(Answer answer) {
        return new SentMessage(
                field(answer, "chatId").asText(), field(answer, "seq").asLong());
    }

    /** {@code GET} of any URL (the receivers' metrics): answers whatever status came back. */
    public Future<Answer> get(String url) {
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setAbsoluteURI(url)
                        .setIdleTimeout(timeoutMillis))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }

    private Future<Answer> post(String url, String token, String json) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .setIdleTimeout(timeoutMillis);
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        return client.request(options)
                .compose(request -> request.send(Buffer.buffer(json)))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }

    /** A 4xx other than 429 will not change on retry; anything else might. */
    private static RuntimeException failure(String what, String sender, Answer answer) {
        String message = what + ": HTTP " + answer.status() + " from " + sender + ": " + answer.bodySnippet();
        boolean permanent = answer.status() >= 400 && answer.status() < 500 && answer.status() != 429;
        return permanent ? new BoundedConcurrency.PermanentFailure(message) : new Refusal(answer.status(), message);
    }

    /** An answer that a later attempt may not repeat (a 5xx, a 429): the status says which. */
    public static final class Refusal extends IllegalStateException {
        private final int status;

        public Refusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private String nextSender() {
        return senders.get((int) (turn.getAndIncrement() % senders.size()));
    }

    private static JsonNode field(Answer answer, String name) {
        try {
            JsonNode value = JSON.readTree(answer.body().getBytes()).get(name);
            if (value == null || value.isNull()) {
                throw new IllegalStateException("answer has no '" + name + "': " + answer.bodySnippet());
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("answer is not JSON: " + answer.bodySnippet(), e);
        }
    }

    public Future<Void> close() {
        return client.close();
    }
}
