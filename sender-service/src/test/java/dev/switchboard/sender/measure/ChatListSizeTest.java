package dev.switchboard.sender.measure;

import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The largest chat-list page a member of 200 chats of 1,000 members each gets, in bytes. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatListSizeTest {

    @Test
    void measureTheLargestChatListPage() {
        String owner = Api.user("lister");
        for (int chat = 0; chat < 200; chat++) {
            int k = chat;
            String[] members = IntStream.range(1, 1000)
                    .mapToObj(i -> String.format("m%03d-%06d-%s", k, i, owner.substring(owner.length() - 8)))
                    .toArray(String[]::new);
            String chatId = Api.createChat(owner, members);
            Api.send(owner, chatId, "x".repeat(200));
        }
        long start = System.nanoTime();
        byte[] page = Api.as(owner)
                .get("/api/v1/chats?limit=200")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        System.out.printf(
                "chat list page of 200 chats x 1,000 members: %,d bytes in %d ms%n",
                page.length, (System.nanoTime() - start) / 1_000_000);
    }
}
