package dev.switchboard.sender.receipt;

import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.membership.ChatIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /api/v1/chats/{chatId}/receipts}: the chat's ticks and the caller's own marks. */
@Path("/api/v1/chats/{chatId}/receipts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read state")
public class ReceiptsResource {

    private final ReceiptService receipts;

    public ReceiptsResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @GET
    @Operation(
            summary = "The chat's delivered and read ticks",
            description = "deliveredToAllSeq and readByAllSeq are the lowest marks over all members: a message with a "
                    + "seq at or below them reached, or was read by, every member (in a 1:1 chat: the other member). "
                    + "Also the chat's lastSeq and the caller's own marks. One aggregate over the members.")
    @APIResponse(
            responseCode = "200",
            description = "The chat's receipt state.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChatReceipts.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ChatReceipts> receipts(@RestPath String chatId, @Context SecurityContext security) {
        return receipts.receipts(ChatIds.parse(chatId), Caller.userId(security));
    }
}
