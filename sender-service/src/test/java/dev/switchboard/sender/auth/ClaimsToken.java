package dev.switchboard.sender.auth;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A JsonWebToken made of plain claims, for unit tests that need a token's shape but no signature. */
record ClaimsToken(Map<String, Object> claims) implements JsonWebToken {

    static ClaimsToken of(String subject, long issuedAt, long expiresAt) {
        return new ClaimsToken(Map.of("sub", subject, "iat", issuedAt, "exp", expiresAt));
    }

    @Override
    public String getName() {
        return (String) claims.get("sub");
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }
}
