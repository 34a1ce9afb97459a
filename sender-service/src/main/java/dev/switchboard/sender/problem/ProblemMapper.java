package dev.switchboard.sender.problem;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.switchboard.sender.database.DatabaseConfig;
import dev.switchboard.sender.database.DatabaseFailures;
import dev.switchboard.sender.database.DatabaseUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into HTTP answers: RFC 9457 problem+json with status, title, detail and,
 * for a bad request, the offending field(s). Domain code throws meaningful exceptions and never builds responses.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** While PostgreSQL is down every request fails the same way: one WARN line per this interval, the rest DEBUG. */
    private static final long UNAVAILABLE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private static final AtomicLong lastUnavailableLog =
            new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL_NANOS);

    private final String retryAfterSeconds;

    public ProblemMapper(DatabaseConfig database) {
        this.retryAfterSeconds = Long.toString(Math.max(1, database.retryAfter().toSeconds()));
    }

    /** Every domain exception a client can fix: its own status, detail and offending fields. */
    @ServerExceptionMapper
    public Response clientProblem(ClientProblem e, HttpServerRequest request) {
        Response response = problem(e.status(), e.getMessage(), request, e.errors(), e.errorCount());
        if (e.retryAfterSeconds().isEmpty()) {
            return response;
        }
        return Response.fromResponse(response)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(e.retryAfterSeconds().getAsLong()))
                .build();
    }

    /** A value of the wrong JSON type (a number for a string, a string for an array...): names the field. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return badJson(e, request);
    }

    /** Not JSON at all (when a resource parses a body itself; Quarkus' reader wraps this one, see below). */
    @ServerExceptionMapper
    public Response malformedJson(StreamReadException e, HttpServerRequest request) {
        return problem(400, "the request body is not valid JSON", request, null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated("a valid bearer token is required", request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated("the bearer token is invalid or expired", request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(403, "not allowed", request, null);
    }

    /**
     * JAX-RS' own errors (unknown path, wrong method, unsupported media type) and the JSON reader's: Quarkus wraps
     * syntax errors and values it cannot bind into a 400 WebApplicationException.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException databind) {
            return badJson(databind, request);
        }
        if (cause instanceof StreamReadException) {
            return problem(400, "the request body is not valid JSON", request, null);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request %s %s failed", request.method(), request.path());
            return problem(status, "internal error", request, null);
        }
        return problem(status, e.getMessage(), request, null);
    }

    /** PostgreSQL is down, dropped the connection or did not answer in time: retry later. */
    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e, HttpServerRequest request) {
        return unavailable(e, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (request != null && request.response().headWritten()) {
            // Answered already, by the HTTP layer itself: a chunked body over quarkus.http.limits.max-body-size got
            // its 413 from the body reader, which then fails the request. A client's mistake, not ours.
            LOG.debugf("request %s %s ended after its answer: %s", request.method(), request.path(), e.toString());
            return null;
        }
        if (DatabaseFailures.isUnavailable(e)) {
            // A database call that did not go through DatabaseDeadline: the same answer.
            return unavailable(e, request);
        }
        LOG.errorf(e, "request %s %s failed", request.method(), request.path());
        return problem(500, "internal error", request, null);
    }

    private Response unavailable(Throwable e, HttpServerRequest request) {
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if (now - last >= UNAVAILABLE_LOG_INTERVAL_NANOS && lastUnavailableLog.compareAndSet(last, now)) {
            LOG.warnf(
                    "answering 503: the database is unavailable (%s); further such answers are logged at DEBUG for %d s",
                    DatabaseFailures.describe(e), UNAVAILABLE_LOG_INTERVAL_NANOS / 1_000_000_000L);
        } else {
            LOG.debugf(
                    "request %s %s answered 503: %s", request.method(), request.path(), DatabaseFailures.describe(e));
        }
        return Response.fromResponse(problem(503, "the database is unavailable; retry in a moment", request, null))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    private static Response badJson(JsonMappingException e, HttpServerRequest request) {
        String field = JsonProblems.fieldPath(e);
        if (field == null) {
            return problem(400, "the request body must be a JSON object", request, null);
        }
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a field of this request";
        } else {
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            message = "must be " + JsonProblems.expected(target);
        }
        return problem(400, field + ": " + message, request, List.of(new FieldError(field, message)));
    }

    private static Response unauthenticated(String detail, HttpServerRequest request) {
        return Response.fromResponse(problem(401, detail, request, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response problem(int status, String detail, HttpServerRequest request, List<FieldError> errors) {
        return problem(status, detail, request, errors, errors == null ? 0 : errors.size());
    }

    static Response problem(
            int status, String detail, HttpServerRequest request, List<FieldError> errors, int errorCount) {
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "Error" : statusType.getReasonPhrase();
        String field =
                errors == null || errors.isEmpty() ? null : errors.getFirst().field();
        Problem body = new Problem(
                "about:blank",
                title,
                status,
                detail,
                request == null ? null : request.path(),
                field,
                errors == null || errors.isEmpty() ? null : errors,
                errors == null || errors.isEmpty() ? null : errorCount);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
