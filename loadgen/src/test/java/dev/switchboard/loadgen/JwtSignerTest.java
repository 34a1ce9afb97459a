package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtSignerTest {

    private static final Path SIGNING_KEY = Path.of("../dev-keys/DEV-ONLY-jwt-signing-key.pem");
    private static final Path VERIFY_KEY = Path.of("../dev-keys/DEV-ONLY-jwt-verify-key.pem");

    private static PublicKey verifyKey() throws Exception {
        String base64 =
                Files.readString(VERIFY_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verifies(String token) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(verifyKey());
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    private static JsonNode part(String token, int index) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    @Test
    void aSignedTokenVerifiesWithTheDevPublicKey() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        String token = JwtSigner.fromPem(SIGNING_KEY, "switchboard-dev", "switchboard")
                .sign("lg-abc-7", now, now.plusSeconds(3600));

        assertEquals(3, token.split("\\.").length);
        assertFalse(token.contains("="), "base64url without padding");
        assertTrue(verifies(token));
        JsonNode header = part(token, 0);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("JWT", header.get("typ").asText());
        JsonNode claims = part(token, 1);
        assertEquals("switchboard-dev", claims.get("iss").asText());
        assertEquals("lg-abc-7", claims.get("sub").asText());
        assertEquals("switchboard", claims.get("aud").asText());
        assertEquals(now.getEpochSecond(), claims.get("iat").asLong());
        assertEquals(now.getEpochSecond() + 3600, claims.get("exp").asLong());
    }

    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        Instant now = Instant.now();
        String token = JwtSigner.fromPem(SIGNING_KEY, "switchboard-dev", "switchboard")
                .sign("alice", now, now.plusSeconds(60));
        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("alice", "mallory")
                        .getBytes(StandardCharsets.UTF_8));
        assertFalse(verifies(parts[0] + "." + otherClaims + "." + parts[2]));
    }

    @Test
    void aPublicKeyIsNotASigningKey() {
        assertThrows(IllegalArgumentException.class, () -> JwtSigner.fromPem(VERIFY_KEY, "x", "y"));
    }
}
