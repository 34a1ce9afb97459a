package dev.switchboard.sender.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v1/dev/tokens}: the one unauthenticated API call, and only when dev tokens are on. */
@Path("/api/v1/dev/tokens")
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
    public DevTokenResponse issue(String body) throws JsonProcessingException {
        if (!issuer.enabled()) {
            // Indistinguishable from a path that does not exist: production does not advertise the feature.
            throw new NotFoundException();
        }
        DevTokenRequest request = body == null || body.isBlank() ? null : mapper.readValue(body, DevTokenRequest.class);
        return new DevTokenResponse(issuer.issue(request));
    }
}
