package dev.switchboard.sender.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/dev/tokens}: the one unauthenticated API call, and only when dev tokens are on. */
@Path("/api/v1/dev/tokens")
@Tag(name = "Dev tokens")
public class DevTokenResource {

    private final DevTokenIssuer issuer;
    private final ObjectMapper mapper;

    DevTokenResource(DevTokenIssuer issuer, ObjectMapper mapper) {
        this.issuer = issuer;
        this.mapper = mapper;
    }

    /** The body is read only once the feature is known to be on, so that off means 404 whatever is sent. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Mint a development token (dev tokens only)",
            description = "Only when switchboard.dev-tokens.enabled=true (the local stack); otherwise this path is a "
                    + "404. Needs no token. ttlSeconds is optional (default 1 hour, at most switchboard.dev-tokens.max-ttl). "
                    + "groups is optional and becomes the token's groups claim: [\"switchboard-admin\"] for the admin API. "
                    + "For development only: anyone reaching it can be anyone.")
    @SecurityRequirements
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DevTokenRequest.class),
                            examples = {
                                @ExampleObject(name = "token", ref = "DevTokenRequest"),
                                @ExampleObject(name = "adminToken", ref = "AdminDevTokenRequest")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "A signed RS256 token for the user.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DevTokenResponse.class),
                            examples = @ExampleObject(name = "token", ref = "DevToken")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DevTokenResponse issue(String body) throws JsonProcessingException {
        if (!issuer.enabled()) {
            // Indistinguishable from a path that does not exist: production does not advertise the feature.
            throw new NotFoundException();
        }
        DevTokenRequest request = body == null || body.isBlank() ? null : mapper.readValue(body, DevTokenRequest.class);
        return new DevTokenResponse(issuer.issue(request));
    }
}
