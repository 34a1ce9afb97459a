package dev.switchboard.sender.grant;

import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.database.DatabaseDeadline;
import dev.switchboard.sender.membership.MembershipRepository;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/presence/grant}: the right to follow some users' presence, for the receivers. */
@Path("/api/v1/presence/grant")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Presence")
public class PresenceGrantResource {

    private final ChatGrants grants;
    private final GrantConfig config;
    private final MembershipRepository membership;
    private final Pool pool;
    private final DatabaseDeadline deadline;

    public PresenceGrantResource(
            ChatGrants grants,
            GrantConfig config,
            MembershipRepository membership,
            Pool pool,
            DatabaseDeadline deadline) {
        this.grants = grants;
        this.config = config;
        this.membership = membership;
        this.pool = pool;
        this.deadline = deadline;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A presence grant for the receivers",
            description = "A signed, short-lived grant (switchboard.grants.ttl) to follow the presence of these "
                    + "users (at most switchboard.grants.presence-max-users, 200): every one of them must share a "
                    + "chat with the caller now, else 403 naming the others (the privacy rule). A client sends it in "
                    + "a {\"type\":\"presence\"} frame and gets their state and presenceChanged events until it "
                    + "expires. 404 when switchboard.grants.secret is not set (presence is off).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PresenceGrantRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "The grant and when it expires.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChatGrants.PresenceGrant.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ChatGrants.PresenceGrant> grant(PresenceGrantRequest request, @Context SecurityContext security) {
        String userId = Caller.userId(security);
        List<String> asked = PresenceGrantRequest.userIds(request, config.presenceMaxUsers());
        if (!grants.enabled()) {
            throw new GrantsOffException();
        }
        return deadline.bound(membership.sharedWith(pool, userId, asked)).map(shared -> {
            List<String> strangers =
                    asked.stream().filter(other -> !shared.contains(other)).toList();
            if (!strangers.isEmpty()) {
                throw new PresenceNotAllowedException(strangers);
            }
            return grants.issuePresence(userId, asked);
        });
    }
}
