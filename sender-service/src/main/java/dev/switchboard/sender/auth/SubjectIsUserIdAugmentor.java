package dev.switchboard.sender.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A correctly signed token whose {@code sub} is not a valid user id is still not a valid credential here: it is
 * rejected during authentication (401), so no resource ever sees a caller id it would have to re-check.
 */
@ApplicationScoped
public class SubjectIsUserIdAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && UserIds.isValid(jwt.getSubject())) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("token subject is not a valid user id"));
    }
}
