package dev.switchboard.sender.read;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.QueryParameters;
import dev.switchboard.sender.auth.Caller;
import dev.switchboard.sender.membership.ChatCursor;
import dev.switchboard.sender.problem.ValidationErrors;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /api/v1/unread}: the caller's unread counts over all their chats. */
@Path("/api/v1/unread")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read state")
public class UnreadResource {

    private final ReadService reads;
    private final LimitsConfig limits;

    public UnreadResource(ReadService reads, LimitsConfig limits) {
        this.reads = reads;
        this.limits = limits;
    }

    @GET
    @Operation(
            summary = "The caller's unread counts",
            description = "The caller's chats with an unread count above 0, latest activity first, one page at a "
                    + "time (pass nextCursor back as cursor; null on the last page), and the sum of the counts over "
                    + "all of them. Chats with nothing unread are left out.")
    @APIResponse(
            responseCode = "200",
            description = "Unread counts.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UnreadSummary.class),
                            examples = @ExampleObject(name = "unread", ref = "Unread")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Uni<UnreadSummary> unread(
            @Parameter(
                            description = "Chats per page, 1 to 200 (switchboard.limits.page-max-limit); default 50.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"),
                            example = "50")
                    @RestQuery
                    String limit,
            @Parameter(description = "The nextCursor of the previous page, unchanged; absent for the first page.")
                    @RestQuery
                    String cursor,
            @Context SecurityContext security) {
        ValidationErrors errors = new ValidationErrors();
        int size = QueryParameters.limit(limit, limits.pageDefaultLimit(), limits.pageMaxLimit(), errors);
        errors.throwIfAny();
        ChatCursor after = cursor == null || cursor.isBlank() ? null : ChatCursor.decode(cursor);
        return reads.unread(Caller.userId(security), after, size);
    }
}
