package dev.switchboard.sender.read;

import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.membership.ChatIds;
import dev.switchboard.sender.ratelimit.Action;
import dev.switchboard.sender.ratelimit.RateLimiter;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /api/v1/chats/{chatId}/read}: move the caller's read mark. Its own class: JAX-RS picks the resource class
 * by its path first, so this path cannot live on a class mapped to a prefix of it.
 */
@Path("/api/v1/chats/{chatId}/read")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read state")
public class ReadResource {

    private final ReadService reads;
    private final RateLimiter limiter;

    public ReadResource(ReadService reads, RateLimiter limiter) {
        this.reads = reads;
        this.limiter = limiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Mark a chat read up to a seq",
            description = "The mark never moves backwards; an upToSeq above the chat's lastSeq is taken as lastSeq "
                    + "(so a large number means \"all read\"). Idempotent: when the mark does not move nothing "
                    + "changes and nothing is published. When it moves: messageReadUpdated to all members, and "
                    + "unreadCountUpdated to the reader if their count changed. The unread count is the number of "
                    + "messages above the mark, not the reader's own, not deleted.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReadRequest.class),
                            examples = @ExampleObject(name = "read", ref = "ReadRequest")))
    @APIResponse(
            responseCode = "200",
            description = "The caller's read state in the chat after the call.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReadState.class),
                            examples = @ExampleObject(name = "readState", ref = "ReadState")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ReadState> markRead(@RestPath String chatId, ReadRequest request, @Context SecurityContext security) {
        String userId = Caller.userId(security);
        long upToSeq = ReadRequest.upToSeq(request);
        UUID chat = ChatIds.parse(chatId);
        return limiter.admit(Action.READ, userId).chain(() -> reads.markRead(chat, userId, upToSeq));
    }
}
