package dev.switchboard.sender.receipt;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code POST /api/v1/chats/{chatId}/delivered}: a client acknowledges the messages it received. */
@Path("/api/v1/chats/{chatId}/delivered")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read state")
public class DeliveredResource {

    private final ReceiptService receipts;
    private final RateLimiter limiter;

    public DeliveredResource(ReceiptService receipts, RateLimiter limiter) {
        this.receipts = receipts;
        this.limiter = limiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Acknowledge delivery up to a seq",
            description = "Moves the caller's delivered mark: every message up to upToSeq reached one of their "
                    + "clients. It never moves backwards; an upToSeq above the chat's lastSeq is taken as lastSeq; "
                    + "a read mark above it already counts (read implies delivered). Idempotent: when the mark does "
                    + "not move nothing changes and nothing is published. When it moves: messageDeliveredUpdated to "
                    + "all members, at once in a chat of up to switchboard.receipts.coalesce-above-members members, "
                    + "coalesced (at most one per chat per switchboard.receipts.coalesce-interval) in a larger one.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveredRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "The caller's marks in the chat after the call.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveredState.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<DeliveredState> markDelivered(
            @RestPath String chatId, DeliveredRequest request, @Context SecurityContext security) {
        String userId = Caller.userId(security);
        long upToSeq = DeliveredRequest.upToSeq(request);
        UUID chat = ChatIds.parse(chatId);
        return limiter.admit(Action.DELIVERED, userId).chain(() -> receipts.markDelivered(chat, userId, upToSeq));
    }
}
