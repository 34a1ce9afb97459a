package dev.switchboard.sender.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Short REST calls for tests. Each test makes up its own user names so that tests never share chats. */
public final class Api {

    private Api() {}

    public static RequestSpecification as(String userId) {
        return given().header("Authorization", "Bearer " + TestTokens.valid(userId))
                .contentType(ContentType.JSON);
    }

    /** As an operator: a token with the switchboard-admin group. */
    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + TestTokens.admin("ops"))
                .contentType(ContentType.JSON);
    }

    /** A user id no other test uses. */
    public static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createChat(String creator, String... members) {
        return as(creator)
                .body(Map.of("name", "Test chat", "memberIds", List.of(members)))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static long send(String senderId, String chatId, String content) {
        return ((Number) as(senderId)
                        .body(Map.of("content", content))
                        .post("/api/v1/chats/{chatId}/messages", chatId)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("seq"))
                .longValue();
    }

    /** Sends and returns the new message's id. */
    public static String sendForId(String senderId, String chatId, String content) {
        return as(senderId)
                .body(Map.of("content", content))
                .post("/api/v1/chats/{chatId}/messages", chatId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Marks the chat read up to {@code seq}; returns the caller's unread count after it. */
    public static long read(String userId, String chatId, long seq) {
        return ((Number) as(userId)
                        .body(Map.of("upToSeq", seq))
                        .post("/api/v1/chats/{chatId}/read", chatId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("unreadCount"))
                .longValue();
    }

    /** The user's unread count in the chat, as GET /api/v1/unread reports it (0 when the chat is not listed). */
    public static long unread(String userId, String chatId) {
        List<Map<String, Object>> chats = as(userId)
                .get("/api/v1/unread")
                .then()
                .statusCode(200)
                .extract()
                .path("chats");
        return chats.stream()
                .filter(c -> chatId.equals(c.get("chatId")))
                .mapToLong(c -> ((Number) c.get("unreadCount")).longValue())
                .sum();
    }
}
