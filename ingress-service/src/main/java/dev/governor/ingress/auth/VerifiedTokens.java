package dev.governor.ingress.auth;

import dev.governor.ingress.config.IngressConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Permission;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens the OIDC extension has verified, remembered until they expire. Verifying an RS256
 * token (parse, signature, claims) costs more CPU than the rest of a record write; callers send the same
 * token for its whole lifetime, so each is verified once and then recognised by its exact text.
 *
 * <p>An entry lives until the token's own {@code exp} or {@code verified-token-max-age} after its
 * verification, whichever comes first, so a rotated-out issuer key stops being trusted within that
 * age. Only the request-independent parts of the identity are kept (never the request that brought it).
 * At capacity, expired entries are dropped and a new token that still does not fit is simply verified
 * every time — the store never grows without bound and never changes an authentication decision.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Identity attributes that belong to one request and must not outlive it. */
    private static final Set<String> REQUEST_ATTRIBUTES =
            Set.of(RoutingContext.class.getName(), AuthenticationRequestContext.class.getName());

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final int capacity;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public VerifiedTokens(IngressConfig config, MeterRegistry metrics) {
        this(config.auth().verifiedTokenMaxAge(), config.auth().verifiedTokenCapacity(), Clock.systemUTC(), metrics);
    }

    VerifiedTokens(Duration maxAge, int capacity, Clock clock, MeterRegistry metrics) {
        this.maxAge = maxAge;
        this.capacity = capacity;
        this.clock = clock;
        this.hits = Counter.builder("governor_ingress_verified_tokens")
                .tag("result", "remembered")
                .description("Bearer tokens recognised as already verified, or verified anew")
                .register(metrics);
        this.misses = Counter.builder("governor_ingress_verified_tokens")
                .tag("result", "verified")
                .register(metrics);
        Gauge.builder("governor_ingress_verified_tokens_held", entries, Map::size)
                .description("Verified bearer tokens remembered")
                .register(metrics);
    }

    boolean enabled() {
        return !maxAge.isZero() && capacity > 0;
    }

    /** The identity a token was verified as, while it is still valid; null when it must be verified. */
    RememberedIdentity find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            misses.increment();
            return null;
        }
        if (entry.validUntilMillis() <= clock.millis()) {
            entries.remove(token, entry);
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.identity();
    }

    /** Remembers an identity the OIDC extension has just verified for this token. */
    void remember(String token, SecurityIdentity verified) {
        if (!enabled()
                || !(verified instanceof QuarkusSecurityIdentity identity)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = clock.millis();
        long validUntil = Math.min(jwt.getExpirationTime() * 1000, now + maxAge.toMillis());
        if (validUntil <= now || !makeRoom(now)) {
            return;
        }
        Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                .filter(a -> !REQUEST_ATTRIBUTES.contains(a.getKey()) && a.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        entries.put(
                token,
                new Entry(
                        new RememberedIdentity(
                                identity.getPrincipal(),
                                Set.copyOf(identity.getRoles()),
                                Set.copyOf(identity.getPermissions()),
                                Set.copyOf(identity.getCredentials()),
                                attributes),
                        validUntil));
    }

    private boolean makeRoom(long now) {
        if (entries.size() < capacity) {
            return true;
        }
        entries.values().removeIf(e -> e.validUntilMillis() <= now);
        return entries.size() < capacity;
    }

    /** The request-independent parts of a verified identity. */
    record RememberedIdentity(
            Principal principal,
            Set<String> roles,
            Set<Permission> permissions,
            Set<Credential> credentials,
            Map<String, Object> attributes) {}

    private record Entry(RememberedIdentity identity, long validUntilMillis) {}
}
