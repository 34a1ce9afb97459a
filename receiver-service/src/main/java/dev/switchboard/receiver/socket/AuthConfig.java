package dev.switchboard.receiver.socket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;

/** switchboard.auth.*: what a token must be for this deployment, beyond signature and issuer. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /**
     * The audience every token must carry in {@code aud} (smallrye-jwt checks it: application.properties sets
     * {@code mp.jwt.verify.audiences} from this key). With a shared identity provider, tokens
     * of other applications lack it and are refused.
     */
    @WithDefault("switchboard")
    @NotBlank
    String audience();
}
