package dev.switchboard.receiver.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;

/** Tokens signed the way the senders sign them, with the dev key (the tests run from the module directory). */
public final class TestTokens {

    public static final String ISSUER = "switchboard-dev";
    /** The audience the services expect by default (switchboard.auth.audience). */
    public static final String AUDIENCE = "switchboard";

    private static final PrivateKey DEV_KEY = readDevKey();

    private TestTokens() {}

    public static String valid(String userId) {
        return expiringIn(3600, userId);
    }

    /** A valid token that expires this many seconds from now. */
    public static String expiringIn(long seconds, String userId) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .expiresIn(seconds)
                .sign(DEV_KEY);
    }

    /** A valid token but for another application's audience. */
    public static String forAudience(String audience, String userId) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(audience)
                .expiresIn(3600)
                .sign(DEV_KEY);
    }

    public static String expired(String userId) {
        Instant longAgo = Instant.now().minusSeconds(3600);
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .issuedAt(longAgo)
                .expiresAt(longAgo.plusSeconds(60))
                .sign(DEV_KEY);
    }

    public static String wrongIssuer(String userId) {
        return Jwt.issuer("someone-else")
                .subject(userId)
                .audience(AUDIENCE)
                .expiresIn(3600)
                .sign(DEV_KEY);
    }

    /** Well-formed, but signed by a key the receiver does not trust. */
    public static String foreignSignature(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER)
                    .subject(userId)
                    .audience(AUDIENCE)
                    .expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey readDevKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of("../dev-keys/DEV-ONLY-jwt-signing-key.pem")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dev signing key", e);
        }
    }
}
