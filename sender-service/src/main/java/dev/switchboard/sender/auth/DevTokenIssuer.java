package dev.switchboard.sender.auth;

import dev.switchboard.sender.problem.ValidationErrors;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Mints development tokens that this very service (and the receivers) accept: signed with the configured dev key,
 * {@code iss} = the issuer tokens are verified against. The key is loaded at start-up so that a misconfigured
 * instance fails at once rather than on the first token request. Development only: whoever reaches the endpoint
 * gets any identity, groups (so the admin API) included.
 */
@ApplicationScoped
public class DevTokenIssuer {

    private static final Logger LOG = Logger.getLogger(DevTokenIssuer.class);
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String GROUP_RULE = "must be 1 to 64 characters from A-Z a-z 0-9 . _ : -";
    private static final int MAX_GROUPS = 10;

    private final DevTokensConfig config;
    private final Optional<String> issuer;
    private final String audience;
    private volatile PrivateKey signingKey;

    DevTokenIssuer(DevTokensConfig config, JWTAuthContextInfo verification, AuthConfig auth) {
        this.config = config;
        this.audience = auth.audience();
        this.issuer = Optional.ofNullable(verification.getIssuedBy()).filter(i -> !i.isBlank());
    }

    void loadKey(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String location = config.signingKeyLocation()
                .orElseThrow(() -> new IllegalStateException(
                        "switchboard.dev-tokens.enabled=true requires switchboard.dev-tokens.signing-key-location"));
        if (issuer.isEmpty()) {
            throw new IllegalStateException("dev tokens need mp.jwt.verify.issuer to know which issuer to sign as");
        }
        signingKey = readKey(location);
        LOG.warnf("DEV TOKENS ARE ON: POST /api/v1/dev/tokens mints tokens for any user (key %s)", location);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** @throws dev.switchboard.sender.problem.InvalidRequestException for a bad user id or lifetime */
    public String issue(DevTokenRequest request) {
        DevTokenRequest req = request == null ? new DevTokenRequest(null, null, null) : request;
        Duration ttl = req.ttlSeconds() == null ? config.defaultTtl() : Duration.ofSeconds(req.ttlSeconds());
        ValidationErrors errors = new ValidationErrors();
        if (!UserIds.isValid(req.userId())) {
            errors.add("userId", req.userId() == null ? "is required" : UserIds.RULE);
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.maxTtl()) > 0) {
            errors.add("ttlSeconds", "must be between 1 and " + config.maxTtl().toSeconds());
        }
        List<String> groups = req.groups() == null ? List.of() : req.groups();
        if (groups.size() > MAX_GROUPS) {
            errors.add("groups", "at most " + MAX_GROUPS + " groups");
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == null || !GROUP.matcher(groups.get(i)).matches()) {
                errors.add("groups[" + i + "]", GROUP_RULE);
            }
        }
        errors.throwIfAny();
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(issuer.orElseThrow())
                .subject(req.userId())
                .audience(audience)
                .issuedAt(now)
                .expiresAt(now.plus(ttl));
        if (!groups.isEmpty()) {
            claims.groups(new LinkedHashSet<>(groups));
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }

    private static PrivateKey readKey(String location) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(location)), SignatureAlgorithm.RS256);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot read the dev token signing key from " + location, e);
        }
    }
}
