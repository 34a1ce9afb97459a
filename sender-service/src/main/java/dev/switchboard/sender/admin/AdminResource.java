package dev.switchboard.sender.admin;

import dev.switchboard.sender.LimitsConfig;
import dev.switchboard.sender.membership.ChatIds;
import dev.switchboard.sender.outbox.DeadLetterList;
import dev.switchboard.sender.outbox.DeadLetterNotFoundException;
import dev.switchboard.sender.outbox.DeadLetterRetry;
import dev.switchboard.sender.outbox.DeadLetterService;
import dev.switchboard.sender.problem.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/v1/admin}: the operator API. Off unless {@code switchboard.admin.enabled=true} (then every path here
 * is a 404, see {@link AdminGate}); when on, only for tokens whose {@code groups} claim holds
 * {@value #ROLE} (smallrye-jwt maps groups to roles): 401 without a token, 403 without the group.
 */
@Path("/api/v1/admin")
@RolesAllowed(AdminResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AdminResource {

    public static final String ROLE = "switchboard-admin";

    private final AdminConfig config;
    private final RepublishService republish;
    private final DeadLetterService deadLetters;
    private final LimitsConfig limits;

    public AdminResource(
            AdminConfig config, RepublishService republish, DeadLetterService deadLetters, LimitsConfig limits) {
        this.config = config;
        this.republish = republish;
        this.deadLetters = deadLetters;
        this.limits = limits;
    }

    @POST
    @Path("chats/{chatId}/republish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Re-publish a chat's messages (admin)",
            description = "Queues, in one transaction under the chat lock, a messageAdded for every message with "
                    + "seq >= fromSeq (a messageDeleted for a tombstone) to the chat's current members, with fresh "
                    + "event ids; the relay publishes them in seq order after everything committed before. At most "
                    + "switchboard.admin.republish-max-messages per call: nextFromSeq says where to go on (null when "
                    + "done). Needs a token whose groups claim holds switchboard-admin; only when "
                    + "switchboard.admin.enabled=true, otherwise 404.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RepublishRequest.class),
                            examples = @ExampleObject(name = "republish", ref = "RepublishRequest")))
    @APIResponse(
            responseCode = "202",
            description = "The events are in the outbox.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RepublishResult.class),
                            examples = @ExampleObject(name = "republished", ref = "RepublishResult")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "AdminForbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<RestResponse<RepublishResult>> republish(@RestPath String chatId, RepublishRequest request) {
        requireEnabled();
        long fromSeq = RepublishRequest.fromSeq(request);
        return republish
                .republish(ChatIds.parse(chatId), fromSeq)
                .map(result -> RestResponse.status(RestResponse.Status.ACCEPTED, result));
    }

    @GET
    @Path("outbox/dead-letters")
    @Operation(
            summary = "List dead-lettered outbox rows (admin)",
            description = "Outbox rows the relay gave up on after switchboard.outbox.max-attempts refusals by Redis, "
                    + "oldest first: ids, attempts and the last error, never the payload. total counts them all.")
    @APIResponse(
            responseCode = "200",
            description = "The oldest dead letters.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeadLetterList.class),
                            examples = @ExampleObject(name = "deadLetters", ref = "DeadLetterList")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "AdminForbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<DeadLetterList> deadLetters(
            @Parameter(
                            description = "How many, 1 to 200; default 50.",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"),
                            example = "50")
                    @RestQuery
                    String limit) {
        requireEnabled();
        return deadLetters.list(limit(limit));
    }

    @POST
    @Path("outbox/dead-letters/{id}/retry")
    @Operation(
            summary = "Put a dead-lettered outbox row back in the queue (admin)",
            description = "Moves the row back into the outbox under a new id, at the end of the queue, with its "
                    + "attempts reset, and wakes the relay. If Redis still refuses it, it is dead-lettered again.")
    @APIResponse(
            responseCode = "202",
            description = "The row is back in the outbox.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeadLetterRetry.class),
                            examples = @ExampleObject(name = "retried", ref = "DeadLetterRetry")))
    @APIResponse(responseCode = "403", ref = "AdminForbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<RestResponse<DeadLetterRetry>> retry(@RestPath String id) {
        requireEnabled();
        long deadLetterId;
        try {
            deadLetterId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new DeadLetterNotFoundException(id);
        }
        return deadLetters.retry(deadLetterId).map(retry -> RestResponse.status(RestResponse.Status.ACCEPTED, retry));
    }

    /** {@link AdminGate} answers first; this only guards a request that reached the resource anyway. */
    private void requireEnabled() {
        if (!config.enabled()) {
            throw new NotFoundException();
        }
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return limits.pageDefaultLimit();
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= limits.pageMaxLimit()) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw InvalidRequestException.of("limit", "must be an integer from 1 to " + limits.pageMaxLimit());
    }
}
