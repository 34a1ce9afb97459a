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
 * but the dev token endpoint (which needs no token and no database) gets both, pointing at the shared responses of
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
        });
    }

    private static void addTo(PathItem item) {
        for (Operation operation : item.getOperations().values()) {
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            RESPONSES.forEach((code, ref) -> {
                if (!operation.getResponses().hasAPIResponse(code)) {
                    operation
                            .getResponses()
                            .addAPIResponse(code, OASFactory.createAPIResponse().ref(ref));
                }
            });
        }
    }
}
