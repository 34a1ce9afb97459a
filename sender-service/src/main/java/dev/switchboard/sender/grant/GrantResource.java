package dev.switchboard.sender.grant;

import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.membership.ChatIds;
import dev.switchboard.sender.membership.ChatNotFoundException;
import dev.switchboard.sender.membership.MembershipRepository;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /api/v1/chats/{chatId}/grant}: proof of membership for a receiver (watch a chat: typing). */
@Path("/api/v1/chats/{chatId}/grant")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Typing")
public class GrantResource {

    private final ChatGrants grants;
    private final MembershipRepository membership;
    private final Pool pool;
    private final DatabaseDeadline deadline;

    public GrantResource(ChatGrants grants, MembershipRepository membership, Pool pool, DatabaseDeadline deadline) {
        this.grants = grants;
        this.membership = membership;
        this.pool = pool;
        this.deadline = deadline;
    }

    @GET
    @Operation(
            summary = "A membership grant for the receivers",
            description = "A signed, short-lived grant (switchboard.grants.ttl, 10 minutes) that the caller is a "
                    + "member of the chat. A client sends it in a {\"type\":\"watch\"} frame to watch the chat on "
                    + "its connection: then it may send typing frames for the chat and gets the chat's typing "
                    + "events. 404 also when switchboard.grants.secret is not set (typing is off).")
    @APIResponse(
            responseCode = "200",
            description = "The grant and when it expires.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChatGrants.Grant.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ChatGrants.Grant> grant(@RestPath String chatId, @Context SecurityContext security) {
        String userId = Caller.userId(security);
        UUID chat = ChatIds.parse(chatId);
        if (!grants.enabled()) {
            throw new GrantsOffException();
        }
        return deadline.bound(membership.isMember(pool, chat, userId)).map(member -> {
            if (!member) {
                throw new ChatNotFoundException(chat);
            }
            return grants.issue(chat, userId);
        });
    }
}
