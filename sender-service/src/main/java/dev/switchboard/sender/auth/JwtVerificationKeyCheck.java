package dev.switchboard.sender.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start without a token verification key. There is deliberately no default key (the dev key must never
 * guard production), and an instance that would answer 401 to everyone is better stopped with a clear message.
 */
@ApplicationScoped
public class JwtVerificationKeyCheck {

    static final List<String> KEY_PROPERTIES =
            List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey", "smallrye.jwt.verify.key.location");

    void check(@Observes StartupEvent event, Config config) {
        boolean configured = KEY_PROPERTIES.stream()
                .anyMatch(key -> config.getOptionalValue(key, String.class)
                        .filter(v -> !v.isBlank())
                        .isPresent());
        if (!configured) {
            throw new IllegalStateException(
                    "no JWT verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION to the RS256 public key (PEM)");
        }
    }
}
