package dev.switchboard.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RS256 JWTs with a PKCS#8 RSA key, using only the JDK and Jackson: a JWT is
 * {@code base64url(header) . base64url(claims) . base64url(RS256 signature of the first two parts)}. Lets the
 * generator mint thousands of tokens without asking a sender, and against deployments without dev tokens.
 */
public final class JwtSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = encodeJson(Map.of("alg", "RS256", "typ", "JWT"));

    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    public JwtSigner(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Reads a {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) PEM file. */
    public static JwtSigner fromPem(Path pemFile, String issuer, String audience) {
        try {
            return new JwtSigner(readPkcs8(Files.readString(pemFile)), issuer, audience);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read signing key " + pemFile + ": " + e.getMessage(), e);
        }
    }

    static PrivateKey readPkcs8(String pem) {
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("expected a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    /** A token for {@code subject} (the user id), valid from {@code issuedAt} until {@code expiresAt}. */
    public String sign(String subject, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = HEADER + '.' + encodeJson(claims);
        try {
            // A new Signature per call: they are not thread-safe, and tokens are signed in parallel.
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + '.' + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    private static String encodeJson(Map<String, ?> value) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
