package dev.switchboard.sender.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * The largest chat-list page: a member of 200 chats of 1,000 members each, every chat's last message 16 KiB. The
 * chats are made in SQL (the API would take half a minute); each line is bounded whatever the chat's size.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatListSizeTest {

    @Test
    void thePageOf200ChatsOf1000MembersStaysSmall() {
        String owner = Api.user("lister");
        TestDatabase.execute("""
                WITH made AS (
                    INSERT INTO chats (id, name, created_by, created_at, last_seq, last_activity_at, member_count)
                    SELECT gen_random_uuid(), 'big chat ' || k, ?, now(), 1, now() - k * interval '1 second', 1000
                      FROM generate_series(1, 200) AS k
                    RETURNING id),
                owners AS (
                    INSERT INTO chat_members (chat_id, user_id, joined_at, last_read_seq)
                    SELECT id, ?, now(), 0 FROM made),
                others AS (
                    INSERT INTO chat_members (chat_id, user_id, joined_at)
                    SELECT id, 'member-' || lpad(i::text, 6, '0') || '-' || substr(id::text, 1, 8), now()
                      FROM made, generate_series(1, 999) AS i)
                INSERT INTO messages (id, chat_id, seq, sender_id, content, content_type, created_at)
                SELECT gen_random_uuid(), id, 1, ?, repeat('x', 16384), 'text', now() FROM made
                """, owner, owner, owner);

        byte[] page = Api.as(owner)
                .get("/api/v1/chats?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();

        JsonPath list = JsonPath.from(new String(page, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, list.getList("chats").size());
        assertEquals(1000, list.getInt("chats[0].memberCount"));
        assertEquals(5, list.getList("chats[0].memberPreview").size());
        System.out.printf(
                "chat list page of 200 chats x 1,000 members, 16 KiB last messages: %,d bytes%n", page.length);
        assertTrue(page.length < 256 * 1024, page.length + " bytes");
    }
}
