package dev.switchboard.sender.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is answered 413 problem+json before any of
 * it is read, like every other client mistake, and logged at DEBUG only. Quarkus' own check (which answers an empty
 * 413, and whose refusals were logged as errors) runs right after this one and still guards bodies without a
 * Content-Length (chunked), which its reader stops at the same limit.
 */
@ApplicationScoped
public class OversizedBodyGuard {

    private static final Logger LOG = Logger.getLogger(OversizedBodyGuard.class);
    /** Before Quarkus' upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
    private static final int ORDER = -3;

    /** The request-context key Quarkus' HTTP metrics take the uri tag from (RESTEasy sets it when it routes). */
    static final String METRICS_TEMPLATE_KEY = "UrlPathTemplate";
    /** The uri tag of every request answered before routing. */
    public static final String UNROUTED = "/api/UNROUTED";

    private final long maxBytes;
    private final ObjectMapper json;

    public OversizedBodyGuard(VertxHttpConfig http, ObjectMapper json) {
        this.maxBytes =
                http.limits().maxBodySize().map(size -> size.asLongValue()).orElse(Long.MAX_VALUE);
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // Netty's decoder refuses a malformed Content-Length before any route runs.
        }
        if (length <= maxBytes) {
            context.next();
            return;
        }
        LOG.debugf(
                "answering 413: %s %s declared %d bytes",
                context.request().method(), context.request().path(), length);
        String detail = "the request body is larger than " + maxBytes + " bytes (quarkus.http.limits.max-body-size)";
        Problem problem = new Problem(
                "about:blank",
                "Request Entity Too Large",
                413,
                detail,
                context.request().path(),
                null,
                null,
                null);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
        // No route matched yet, so the HTTP metrics would tag the raw path (a real chat id): give them a fixed one.
        Context requestContext = Vertx.currentContext();
        if (requestContext != null) {
            requestContext.putLocal(METRICS_TEMPLATE_KEY, UNROUTED);
        }
        // The rest of the body is not read: the connection goes once the answer is out.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(body));
    }
}
