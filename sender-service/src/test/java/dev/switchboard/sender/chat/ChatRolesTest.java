package dev.switchboard.sender.chat;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventData;
import dev.switchboard.events.EventEnvelope;
import dev.switchboard.events.EventType;
import dev.switchboard.events.MemberRole;
import dev.switchboard.sender.testing.Api;
import dev.switchboard.sender.testing.ChatScene;
import dev.switchboard.sender.testing.EmbeddedServersResource;
import dev.switchboard.sender.testing.SceneTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finding 6 of the hostile-load issue: before roles, any member could remove the creator, add made-up users (who
 * then read the whole history) and rename the chat. Each test here failed then.
 */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class ChatRolesTest extends SceneTest {

    private String alice;
    private String bob;
    private String carol;

    @Override
    protected ChatScene openScene() {
        ChatScene users = ChatScene.withUsers("alice", "bob", "carol");
        alice = users.user("alice");
        bob = users.user("bob");
        carol = users.user("carol");
        return users;
    }

    @Test
    void theCreatorIsTheOwnerAndEveryoneElseAMember() {
        String chatId = Api.createChat(alice, bob);

        Api.as(bob)
                .get("/api/v1/chats/{id}/members", chatId)
                .then()
                .statusCode(200)
                .body("members.find { it.userId == '" + alice + "' }.role", equalTo("owner"))
                .body("members.find { it.userId == '" + bob + "' }.role", equalTo("member"));
        Api.as(bob)
                .get("/api/v1/chats")
                .then()
                .body("chats.find { it.id == '" + chatId + "' }.role", equalTo("member"));
    }

    @Test
    void aMemberCannotRemoveTheOwnerAddUsersRenameOrGrantRoles() {
        String chatId = Api.createChat(alice, bob, carol);
        String mallory = Api.user("mallory");

        forbidden(
                bob,
                chatId,
                Map.of("removeMemberIds", List.of(alice)),
                "only owners and admins may remove other members");
        forbidden(bob, chatId, Map.of("addMemberIds", List.of(mallory)), "only owners and admins may add members");
        forbidden(bob, chatId, Map.of("name", "Mine now"), "only owners and admins may rename the chat");
        forbidden(bob, chatId, Map.of("roles", Map.of(bob, "owner")), "only owners and admins may change roles");
        forbidden(
                bob, chatId, Map.of("historyVisibility", "sinceJoin"), "only owners may change the history visibility");

        Api.as(alice)
                .get("/api/v1/chats/{id}", chatId)
                .then()
                .body("memberIds", hasSize(3))
                .body("name", equalTo("Test chat"))
                .body("historyVisibility", equalTo("all"));
        Api.as(mallory).get("/api/v1/chats/{id}/messages", chatId).then().statusCode(404);
    }

    @Test
    void anAdminAddsAndRemovesMembersButNotOwnersOrOtherAdmins() {
        String chatId = Api.createChat(alice, bob, carol);
        String dave = Api.user("dave");
        change(alice, chatId, Map.of("roles", Map.of(bob, "admin", carol, "admin")));

        change(bob, chatId, Map.of("addMemberIds", List.of(dave)));
        change(bob, chatId, Map.of("roles", Map.of(dave, "admin")));
        change(bob, chatId, Map.of("roles", Map.of(dave, "member")));
        change(bob, chatId, Map.of("removeMemberIds", List.of(dave)));
        forbidden(
                bob,
                chatId,
                Map.of("removeMemberIds", List.of(carol)),
                "admins may remove members only; " + carol + " is an admin");
        forbidden(
                bob,
                chatId,
                Map.of("removeMemberIds", List.of(alice)),
                "admins may remove members only; " + alice + " is an owner");
        forbidden(bob, chatId, Map.of("roles", Map.of(bob, "owner")), "only owners may make or unmake owners");
        forbidden(bob, chatId, Map.of("roles", Map.of(alice, "member")), "only owners may make or unmake owners");
    }

    @Test
    void chatUpdatedNamesTheActorAndTheRolesItChanged() {
        String chatId = Api.createChat(alice, bob);
        String dave = Api.user("dave");

        change(alice, chatId, Map.of("addMemberIds", List.of(dave), "roles", Map.of(dave, "admin", bob, "admin")));

        EventEnvelope event = events.await(chatId, EventType.CHAT_UPDATED, 1).getFirst();
        EventData.ChatUpdated data = events.data(event, EventData.ChatUpdated.class);
        assertEquals(alice, data.actorId());
        assertEquals(Map.of(bob, MemberRole.ADMIN, dave, MemberRole.ADMIN), data.roleChanges());
    }

    @Test
    void anyoneMayLeaveAndTheLastOwnerLeavingHandsOwnershipToTheLongestStandingAdmin() {
        String chatId = Api.createChat(alice, bob, carol);
        String dave = Api.user("dave");
        change(alice, chatId, Map.of("addMemberIds", List.of(dave)));
        change(alice, chatId, Map.of("roles", Map.of(dave, "admin")));

        change(alice, chatId, Map.of("removeMemberIds", List.of(alice)));

        EventEnvelope left = events.await(chatId, EventType.CHAT_UPDATED, 3).getLast();
        EventData.ChatUpdated data = events.data(left, EventData.ChatUpdated.class);
        assertEquals(alice, data.actorId());
        assertEquals(
                Map.of(dave, MemberRole.OWNER),
                data.roleChanges(),
                "the only admin, though bob and carol joined earlier");
        Api.as(carol)
                .get("/api/v1/chats/{id}/members", chatId)
                .then()
                .body("members.find { it.userId == '" + dave + "' }.role", equalTo("owner"));
    }

    @Test
    void withoutAdminsTheLongestStandingMemberBecomesOwnerWhenTheOwnerStepsDown() {
        String chatId = Api.createChat(alice, carol);
        String dave = Api.user("dave");
        change(alice, chatId, Map.of("addMemberIds", List.of(dave)));

        change(alice, chatId, Map.of("roles", Map.of(alice, "member")));

        EventEnvelope stepDown = events.await(chatId, EventType.CHAT_UPDATED, 2).getLast();
        assertEquals(
                Map.of(alice, MemberRole.MEMBER, carol, MemberRole.OWNER),
                events.data(stepDown, EventData.ChatUpdated.class).roleChanges(),
                "carol joined with the chat, dave later; alice stepped down, so she is not her own heir");

        change(carol, chatId, Map.of("removeMemberIds", List.of(carol)));

        EventEnvelope left = events.await(chatId, EventType.CHAT_UPDATED, 3).getLast();
        assertEquals(
                Map.of(alice, MemberRole.OWNER),
                events.data(left, EventData.ChatUpdated.class).roleChanges(),
                "alice joined before dave");
    }

    @Test
    void aRoleForSomeoneNotInTheChatIsA400AndBadRolesAreNamed() {
        String chatId = Api.createChat(alice, bob);

        Api.as(alice)
                .body(Map.of("roles", Map.of("stranger", "admin")))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("roles.stranger"));
        Api.as(alice)
                .body(Map.of("roles", Map.of(bob, "god")))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("roles." + bob));
        Api.as(alice)
                .body(Map.of("removeMemberIds", List.of(bob), "roles", Map.of(bob, "admin")))
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(400)
                .body("field", equalTo("roles"));
    }

    @Test
    void inASinceJoinChatANewMemberReadsOnlyWhatIsSentAfterTheyJoined() {
        String chatId = Api.as(alice)
                .body(Map.of("name", "Private", "memberIds", List.of(bob), "historyVisibility", "sinceJoin"))
                .post("/api/v1/chats")
                .then()
                .statusCode(201)
                .body("historyVisibility", equalTo("sinceJoin"))
                .extract()
                .path("id");
        String before = Api.sendForId(alice, chatId, "before carol");
        change(alice, chatId, Map.of("addMemberIds", List.of(carol)));

        Api.as(carol).get("/api/v1/chats/{id}/messages", chatId).then().body("messages", hasSize(0));
        Api.as(carol)
                .get("/api/v1/chats/{id}/messages?beforeSeq=100", chatId)
                .then()
                .body("messages", hasSize(0));
        Api.as(carol)
                .get("/api/v1/chats")
                .then()
                .body("chats.find { it.id == '" + chatId + "' }.lastMessage", nullValue());

        // An edit of the old message is news to those who could read it, not to carol.
        Api.as(alice)
                .body(Map.of("content", "before carol, edited"))
                .patch("/api/v1/chats/{c}/messages/{m}", chatId, before)
                .then()
                .statusCode(200);
        EventEnvelope edited =
                events.await(chatId, EventType.MESSAGE_UPDATED, 1).getFirst();
        assertEquals(
                List.of(alice, bob).stream().sorted().toList(),
                edited.audience().userIds());

        Api.send(bob, chatId, "after carol");
        Api.as(carol)
                .get("/api/v1/chats/{id}/messages", chatId)
                .then()
                .body("messages", hasSize(1))
                .body("messages[0].content", equalTo("after carol"));
        Api.as(bob).get("/api/v1/chats/{id}/messages", chatId).then().body("messages", hasSize(2));
    }

    @Test
    void inAnAllChatANewMemberReadsTheWholeHistory() {
        String chatId = Api.createChat(alice, bob);
        Api.send(alice, chatId, "before carol");
        change(alice, chatId, Map.of("addMemberIds", List.of(carol)));

        Api.as(carol).get("/api/v1/chats/{id}/messages", chatId).then().body("messages", hasSize(1));
    }

    private static void change(String caller, String chatId, Map<String, Object> body) {
        Api.as(caller).body(body).patch("/api/v1/chats/{id}", chatId).then().statusCode(200);
    }

    private static void forbidden(String caller, String chatId, Map<String, Object> body, String rule) {
        Api.as(caller)
                .body(body)
                .patch("/api/v1/chats/{id}", chatId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo(rule));
    }
}
