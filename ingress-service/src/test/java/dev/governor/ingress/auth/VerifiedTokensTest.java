package dev.governor.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.service.security.Scopes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** How long a verified token is remembered, and what is remembered of it. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokens tokens =
            new VerifiedTokens(Duration.ofMinutes(5), 2, clock, new SimpleMeterRegistry());

    @Test
    void aVerifiedTokenIsRememberedWithItsRolesUntilItExpires() {
        tokens.remember("token-a", identity("token-a", "crm-sync", NOW.plusSeconds(60)));

        VerifiedTokens.RememberedIdentity remembered = tokens.find("token-a");
        assertThat(remembered.principal().getName()).isEqualTo("crm-sync");
        assertThat(remembered.roles()).containsExactlyInAnyOrder(Scopes.WRITE, Scopes.READ);
        assertThat(tokens.find("token-b")).isNull();

        clock.now = NOW.plusSeconds(60);
        assertThat(tokens.find("token-a")).as("expired with the token's exp").isNull();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        tokens.remember("token-a", identity("token-a", "crm-sync", NOW.plus(Duration.ofHours(8))));

        clock.now = NOW.plus(Duration.ofMinutes(4));
        assertThat(tokens.find("token-a")).isNotNull();
        clock.now = NOW.plus(Duration.ofMinutes(5));
        assertThat(tokens.find("token-a")).isNull();
    }

    @Test
    void nothingOfTheRequestThatBroughtTheTokenIsKept() {
        SecurityIdentity verified = QuarkusSecurityIdentity.builder(
                        identity("token-a", "crm-sync", NOW.plusSeconds(60)))
                .addAttribute(RoutingContext.class.getName(), new Object())
                .addAttribute("tenant-id", "Default")
                .build();
        tokens.remember("token-a", verified);

        assertThat(tokens.find("token-a").attributes()).containsOnlyKeys("tenant-id");
    }

    @Test
    void atCapacityExpiredTokensMakeRoomAndOtherwiseNewTokensAreNotRemembered() {
        tokens.remember("short", identity("short", "a", NOW.plusSeconds(10)));
        tokens.remember("long", identity("long", "b", NOW.plusSeconds(600)));
        tokens.remember("third", identity("third", "c", NOW.plusSeconds(600)));
        assertThat(tokens.find("third")).as("no room").isNull();
        assertThat(tokens.find("long")).isNotNull();

        clock.now = NOW.plusSeconds(20);
        tokens.remember("third", identity("third", "c", NOW.plusSeconds(600)));
        assertThat(tokens.find("third")).as("room made by the expired one").isNotNull();
        assertThat(tokens.find("long")).isNotNull();
    }

    @Test
    void identitiesWithoutAnExpiringJwtAreNotRemembered() {
        SecurityIdentity opaque = QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> "someone")
                .addCredential(new AccessTokenCredential("opaque"))
                .addRole(Scopes.WRITE)
                .build();
        tokens.remember("opaque", opaque);
        tokens.remember("expired", identity("expired", "a", NOW.minusSeconds(1)));

        assertThat(tokens.find("opaque")).isNull();
        assertThat(tokens.find("expired")).isNull();
    }

    @Test
    void switchedOffWithAMaximumAgeOfZero() {
        VerifiedTokens off = new VerifiedTokens(Duration.ZERO, 100, clock, new SimpleMeterRegistry());
        off.remember("token-a", identity("token-a", "crm-sync", NOW.plusSeconds(60)));

        assertThat(off.enabled()).isFalse();
        assertThat(off.find("token-a")).isNull();
    }

    private static SecurityIdentity identity(String token, String subject, Instant expires) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt(subject, expires.getEpochSecond()))
                .addCredential(new AccessTokenCredential(token))
                .addRoles(Set.of(Scopes.WRITE, Scopes.READ))
                .build();
    }

    /** A verified token's principal as the OIDC extension makes it: a JsonWebToken with its exp claim. */
    private record Jwt(String subject, long exp) implements JsonWebToken, Principal {
        @Override
        public String getName() {
            return subject;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("sub", "exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T)
                    switch (claimName) {
                        case "sub" -> subject;
                        case "exp" -> Long.valueOf(exp);
                        default -> null;
                    };
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
