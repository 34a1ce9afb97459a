package dev.switchboard.sender.read;

import dev.switchboard.sender.auth.Caller;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/unread}: the caller's unread counts over all their chats. */
@Path("/api/v1/unread")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read state")
public class UnreadResource {

    private final ReadService reads;

    public UnreadResource(ReadService reads) {
        this.reads = reads;
    }

    @GET
    @Operation(
            summary = "The caller's unread counts",
            description = "Every chat of the caller with an unread count above 0, latest activity first, and the "
                    + "sum of those counts. Chats with nothing unread are left out.")
    @APIResponse(
            responseCode = "200",
            description = "Unread counts.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UnreadSummary.class),
                            examples = @ExampleObject(name = "unread", ref = "Unread")))
    public Uni<UnreadSummary> unread(@Context SecurityContext security) {
        return reads.unread(Caller.userId(security));
    }
}
