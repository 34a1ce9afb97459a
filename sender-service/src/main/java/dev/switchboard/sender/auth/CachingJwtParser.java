package dev.switchboard.sender.auth;

import dev.switchboard.runtime.TokenPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link JWTParser} the bearer-token mechanism uses (quarkus-smallrye-jwt's validator injects a JWTParser and
 * calls {@link #parse(String)} once per authenticated request): a client sends the same token on every request,
 * and verifying it (RS256 plus jose4j parsing) was about a quarter of the sender's CPU under load. A token that
 * verified once is served from {@link VerifiedTokenCache} until it would stop being valid; a token that fails is
 * never held, so it fails in full every time. The other overloads (explicit keys, decryption, parse-only) are not
 * what authentication calls and go to smallrye-jwt's own parser uncached. Selected over smallrye-jwt's
 * {@link DefaultJWTParser} bean, to which it delegates, as a prioritised alternative.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    static final String REQUESTS = "switchboard.auth.token.cache.requests";
    static final String SIZE = "switchboard.auth.token.cache.size";

    private final JWTParser verifier;
    private final TokenValidity validity;
    /** Null when the cache is off. */
    private final VerifiedTokenCache cache;

    private final Counter hits;
    private final Counter misses;

    @Inject
    CachingJwtParser(
            DefaultJWTParser verifier,
            JWTAuthContextInfo verification,
            TokenCacheConfig config,
            MeterRegistry registry) {
        this(
                verifier,
                TokenValidity.of(verification),
                config.enabled() ? new VerifiedTokenCache(config.maxSize(), config.maxAge()) : null,
                registry);
    }

    CachingJwtParser(JWTParser verifier, TokenValidity validity, VerifiedTokenCache cache, MeterRegistry registry) {
        this.verifier = verifier;
        this.validity = validity;
        this.cache = cache;
        if (cache == null) {
            hits = null;
            misses = null;
            return;
        }
        // By hand: Micrometer's Caffeine binder counts hits and misses only for loading caches, which this is not
        // (a failed verification must not be stored, so there is nothing to load).
        hits = requests(registry, "hit");
        misses = requests(registry, "miss");
        Gauge.builder(SIZE, cache::size)
                .description("Verified bearer tokens held in the token cache")
                .register(registry);
    }

    private static Counter requests(MeterRegistry registry, String result) {
        return Counter.builder(REQUESTS)
                .description("Bearer tokens looked up in the verified-token cache: hit (no verification) or miss")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (cache == null || token == null) {
            return checked(verifier.parse(token));
        }
        JsonWebToken cached = cache.get(token);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        JsonWebToken verified = checked(verifier.parse(token));
        cache.put(token, verified, validity.validUntil(verified));
        return verified;
    }

    /** The project's own rules on top of smallrye-jwt's ({@link TokenPolicy}): a token refused is never cached. */
    private JsonWebToken checked(JsonWebToken verified) throws ParseException {
        Optional<String> refusal = TokenPolicy.refusal(verified, validity.expSkewSeconds(), Instant.now());
        if (refusal.isPresent()) {
            throw new ParseException(refusal.get());
        }
        return verified;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
