package dev.switchboard.sender.admin;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With {@code switchboard.admin.enabled=false} (the default) every path under /api/v1/admin is a 404, whatever
 * the request carries: production does not advertise the operator API. Pre-matching, so this runs before the
 * security check of {@link AdminResource} (which would otherwise answer 401 or 403 first).
 */
public class AdminGate {

    static final String PREFIX = "/api/v1/admin";
    private static final Pattern DOUBLED_SLASHES = Pattern.compile("/{2,}");

    private final AdminConfig config;

    public AdminGate(AdminConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void hideWhenDisabled(ContainerRequestContext request) {
        if (!config.enabled() && isAdminPath(request.getUriInfo().getPath())) {
            throw new NotFoundException();
        }
    }

    /** Also when the path is spelled with doubled slashes or dot segments. Cheap for every other request. */
    static boolean isAdminPath(String path) {
        if (path == null || !path.contains("admin")) {
            return false;
        }
        String normalized = DOUBLED_SLASHES.matcher(path).replaceAll("/");
        try {
            normalized = URI.create(normalized).normalize().getPath();
        } catch (IllegalArgumentException e) {
            // Not a URI path at all: compare it as it is.
        }
        return normalized != null && (normalized.equals(PREFIX) || normalized.startsWith(PREFIX + "/"));
    }
}
