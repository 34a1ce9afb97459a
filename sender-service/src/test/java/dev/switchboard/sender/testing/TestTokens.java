package dev.switchboard.sender.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/** Bearer tokens for tests: good ones signed with the dev key, and every kind of bad one. */
public final class TestTokens {

    public static final String ISSUER = "switchboard-dev";
    /** The audience the services expect by default (switchboard.auth.audience). */
    public static final String AUDIENCE = "switchboard";

    private static final PrivateKey DEV_KEY = readDevKey();

    private TestTokens() {}

    public static String valid(String userId) {
        return sign(ISSUER, userId, Instant.now().plus(Duration.ofHours(1)), DEV_KEY);
    }

    /** A valid token whose groups claim holds switchboard-admin (the admin API's role). */
    public static String admin(String userId) {
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .groups("switchboard-admin")
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(DEV_KEY);
    }

    /** A valid token whose {@code exp} is {@code lifetime} from now (rounded down to the second, as exp is). */
    public static String expiringIn(String userId, Duration lifetime) {
        return sign(ISSUER, userId, Instant.now().plus(lifetime), DEV_KEY);
    }

    public static String expired(String userId) {
        return sign(ISSUER, userId, Instant.now().minus(Duration.ofMinutes(10)), DEV_KEY);
    }

    public static String fromIssuer(String issuer, String userId) {
        return sign(issuer, userId, Instant.now().plus(Duration.ofHours(1)), DEV_KEY);
    }

    public static String signedWithAnotherKey(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(
                    ISSUER,
                    userId,
                    Instant.now().plus(Duration.ofHours(1)),
                    generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token but for another application's audience. */
    public static String forAudience(String audience, String userId) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(audience)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(DEV_KEY);
    }

    /** A valid token whose iat lies this far ahead. */
    public static String issuedIn(Duration ahead, String userId) {
        Instant issued = Instant.now().plus(ahead);
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .issuedAt(issued)
                .expiresAt(issued.plus(Duration.ofHours(1)))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(DEV_KEY);
    }

    /** A valid token of another kind (Keycloak's ID tokens say typ ID). */
    public static String ofType(String type, String userId) {
        return Jwt.issuer(ISSUER)
                .subject(userId)
                .audience(AUDIENCE)
                .claim("typ", type)
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(DEV_KEY);
    }

    private static String sign(String issuer, String subject, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .audience(AUDIENCE)
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(key);
    }

    private static PrivateKey readDevKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of("../dev-keys/DEV-ONLY-jwt-signing-key.pem")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
