package dev.switchboard.sender.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** GET /api/v1/chats/{chatId}/members pages a chat's members, for its members only. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatMembersTest {

    @Test
    void membersArePagedInIdOrderWithAnOpaqueCursor() {
        String owner = Api.user("a-owner");
        String[] others = IntStream.range(0, 4).mapToObj(i -> Api.user("m" + i)).toArray(String[]::new);
        String chatId = Api.createChat(owner, others);
        List<String> expected = new ArrayList<>(List.of(others));
        expected.add(owner);
        expected.sort(null);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = Api.as(others[0])
                    .queryParam("limit", 2)
                    .queryParams(cursor == null ? java.util.Map.of() : java.util.Map.of("cursor", cursor))
                    .get("/api/v1/chats/{c}/members", chatId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("members.userId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(expected, seen);
        assertEquals(3, pages);
    }

    @Test
    void aNonMemberGets404AndABadCursorOrLimitA400() {
        String alice = Api.user("alice");
        String chatId = Api.createChat(alice, Api.user("bob"));

        Api.as(Api.user("mallory"))
                .get("/api/v1/chats/{c}/members", chatId)
                .then()
                .statusCode(404);
        Api.as(alice)
                .get("/api/v1/chats/{c}/members?cursor=forged", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("cursor"));
        Api.as(alice)
                .get("/api/v1/chats/{c}/members?limit=201", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        Api.as(alice)
                .get("/api/v1/chats/{c}/members", chatId)
                .then()
                .statusCode(200)
                .body("members.size()", equalTo(2))
                .body("nextCursor", nullValue());
    }
}
