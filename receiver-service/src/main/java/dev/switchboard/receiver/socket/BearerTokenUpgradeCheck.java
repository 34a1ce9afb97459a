package dev.switchboard.receiver.socket;

import dev.switchboard.receiver.delivery.ConnectionRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the WebSocket upgrade itself, so that a request without a valid token gets a plain HTTP 401 and
 * no socket is ever opened. The token comes from {@code Authorization: Bearer} or, because browsers cannot set
 * headers on a WebSocket, from the {@code access_token} query parameter. A user who already holds
 * {@code switchboard.socket.max-connections-per-user} connections here gets 429.
 */
@ApplicationScoped
public class BearerTokenUpgradeCheck implements HttpUpgradeCheck {

    /** Where the authenticated user id travels from the upgrade to the connection. */
    public static final UserData.TypedKey<String> USER_ID = UserData.TypedKey.forString("switchboard.user-id");
    /** When the upgrade's token expires: the socket is closed then (plus the clock skew) unless renewed in band. */
    static final UserData.TypedKey<Instant> EXPIRES_AT = new UserData.TypedKey<>("switchboard.token-expires-at");
    /** The HTTP connection the socket is upgraded from: the only handle that can cut the TCP connection hard. */
    static final UserData.TypedKey<HttpConnection> TRANSPORT = new UserData.TypedKey<>("switchboard.transport");

    private static final String BEARER = "bearer ";
    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate", List.of("Bearer"));

    private final AccessTokenVerifier verifier;
    private final SocketShutdown shutdown;
    private final ConnectionRegistry connections;
    private final SocketConfig config;
    private final SocketMetrics metrics;

    @Inject
    public BearerTokenUpgradeCheck(
            AccessTokenVerifier verifier,
            SocketShutdown shutdown,
            ConnectionRegistry connections,
            SocketConfig config,
            SocketMetrics metrics) {
        this.verifier = verifier;
        this.shutdown = shutdown;
        this.connections = connections;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (shutdown.inProgress()) {
            return CheckResult.rejectUpgrade(503);
        }
        String token = tokenOf(context.httpRequest());
        Optional<AccessTokenVerifier.VerifiedToken> verified =
                token == null ? Optional.empty() : verifier.verify(token);
        if (verified.isEmpty()) {
            return CheckResult.rejectUpgrade(401, CHALLENGE);
        }
        if (connections.byUser(verified.get().userId()).length >= config.maxConnectionsPerUser()) {
            metrics.upgradeOverCap();
            return CheckResult.rejectUpgrade(429);
        }
        context.userData().put(USER_ID, verified.get().userId());
        context.userData().put(EXPIRES_AT, verified.get().expiresAt());
        context.userData().put(TRANSPORT, context.httpRequest().connection());
        return CheckResult.permitUpgrade();
    }

    static String tokenOf(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).trim();
            return token.isEmpty() ? null : token;
        }
        String query = request.getParam("access_token");
        return query == null || query.isBlank() ? null : query;
    }
}
