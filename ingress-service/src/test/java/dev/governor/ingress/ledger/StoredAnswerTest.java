package dev.governor.ingress.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ingress.idempotency.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredAnswerTest {

    private static final String FINGERPRINT = Hashing.fingerprint("POST", "/v1/records/Account", "{}".getBytes());

    private static final Instant EXPIRES = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void anExpiryIsRoundedUpToTheSecond() {
        assertThat(StoredAnswer.inFlight(Instant.parse("2026-12-03T10:00:00.001Z"), FINGERPRINT, "c")
                        .expires())
                .isEqualTo(Instant.parse("2026-12-03T10:00:01Z"));
        assertThat(StoredAnswer.inFlight(EXPIRES, FINGERPRINT, "c").expires()).isEqualTo(EXPIRES);
    }

    @Test
    void aClaimAndAnAnswerReadBackTheSame() {
        StoredAnswer claim = StoredAnswer.inFlight(EXPIRES, FINGERPRINT, "c7b1f6a0-0000-4000-8000-000000000001");
        StoredAnswer answer = StoredAnswer.answered(EXPIRES, FINGERPRINT, TrackingId.newSalt(), 200, true);

        assertThat(StoredAnswer.decoded(claim.encoded())).isEqualTo(claim);
        assertThat(StoredAnswer.decoded(answer.encoded())).isEqualTo(answer);
        assertThat(claim.completed()).isFalse();
        assertThat(answer.completed()).isTrue();
    }

    @Test
    void aClaimAndAnAnswerStayUnderRedisListpackLimit() {
        // What the ingress claims with: 96 random bits in base64url.
        String claim =
                StoredAnswer.inFlight(EXPIRES, FINGERPRINT, "AAAAAAAAAAAAAAAA").encoded();
        String answer = StoredAnswer.answered(EXPIRES, FINGERPRINT, TrackingId.newSalt(), 200, true)
                .encoded();

        assertThat(claim.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(answer.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    }

    @Test
    void somethingElseInItsPlaceIsUnreadableNotMisread() {
        for (String stored : new String[] {
            "", "{}", "[]", "[\"Z\",\"f\"]", "not json", "[1]", "[1,\"f\"]", "[1,\"f\",\"s\",1]", "[\"f\",1,\"c\"]"
        }) {
            assertThatThrownBy(() -> StoredAnswer.decoded(stored)).as(stored).isInstanceOf(IllegalStateException.class);
        }
    }
}
