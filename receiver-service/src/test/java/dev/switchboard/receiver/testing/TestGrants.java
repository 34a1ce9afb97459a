package dev.switchboard.receiver.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/** Chat grants signed the way the senders sign them (grant.ChatGrants), with the test profile's secret. */
public final class TestGrants {

    public static final String SECRET = "DEV-ONLY-switchboard-grants-secret-0123456789";

    private TestGrants() {}

    public static String valid(String userId, String chatId) {
        return signed(userId, chatId, Instant.now().plusSeconds(600), SECRET);
    }

    public static String expired(String userId, String chatId) {
        return signed(userId, chatId, Instant.now().minusSeconds(5), SECRET);
    }

    public static String foreign(String userId, String chatId) {
        return signed(userId, chatId, Instant.now().plusSeconds(600), "another-secret-of-at-least-32-bytes!!");
    }

    public static String signed(String userId, String chatId, Instant expiresAt, String secret) {
        return signed(userId, chatId, Instant.now().minusSeconds(1), expiresAt, secret);
    }

    /** A valid grant issued at the given time (a member added back after a removal gets a later one). */
    public static String issuedAt(String userId, String chatId, Instant issuedAt) {
        return signed(userId, chatId, issuedAt, issuedAt.plusSeconds(600), SECRET);
    }

    public static String signed(String userId, String chatId, Instant issuedAt, Instant expiresAt, String secret) {
        return Jwt.subject(userId)
                .audience("switchboard-grant")
                .claim("chatId", chatId)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    /** A presence grant (grant.ChatGrants#issuePresence) to follow these users. */
    public static String presence(String userId, String... users) {
        return Jwt.subject(userId)
                .audience("switchboard-grant")
                .claim("presenceOf", java.util.List.of(users))
                .issuedAt(Instant.now().minusSeconds(1))
                .expiresAt(Instant.now().plusSeconds(600))
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    public static String randomChat() {
        return UUID.randomUUID().toString();
    }
}
