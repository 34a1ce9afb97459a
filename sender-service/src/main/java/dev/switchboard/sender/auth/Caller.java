package dev.switchboard.sender.auth;

import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the JWT {@code sub}. Not the principal name, which smallrye-jwt takes from {@code upn} or
 * {@code preferred_username} when a token has them.
 */
public final class Caller {

    private Caller() {}

    /** Only for resources marked {@code @Authenticated}; the subject was validated by {@link SubjectIsUserIdAugmentor}. */
    public static String userId(SecurityContext context) {
        if (context.getUserPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        throw new UnauthorizedException();
    }
}
