package dev.switchboard.sender.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * The answers every authenticated API operation can give, declared once instead of on each resource method: 401
 * (no or a bad bearer token) and 503 (PostgreSQL unavailable, with Retry-After). Every path under {@code /api/v1}
 * but the dev token endpoint (which needs no token and no database) gets both, and every change of a chat (a
 * POST, PATCH or DELETE under {@code /api/v1/chats}) 429 (rate limited), pointing at the shared responses of
 * META-INF/openapi.yaml.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonProblemResponses implements OASFilter {

    static final Map<String, String> RESPONSES =
            Map.of("401", "#/components/responses/Unauthorized", "503", "#/components/responses/ServiceUnavailable");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/") && !path.startsWith("/api/v1/dev/")) {
                addTo(item);
            }
            if (path.startsWith("/api/v1/chats")) {
                item.getOperations().forEach((method, operation) -> {
                    if (method != PathItem.HttpMethod.GET) {
                        add(operation, "429", "#/components/responses/TooManyRequests");
                    }
                });
            }
        });
    }

    private static void addTo(PathItem item) {
        for (Operation operation : item.getOperations().values()) {
            RESPONSES.forEach((code, ref) -> add(operation, code, ref));
        }
    }

    private static void add(Operation operation, String code, String ref) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (!operation.getResponses().hasAPIResponse(code)) {
            operation
                    .getResponses()
                    .addAPIResponse(code, OASFactory.createAPIResponse().ref(ref));
        }
    }
}
