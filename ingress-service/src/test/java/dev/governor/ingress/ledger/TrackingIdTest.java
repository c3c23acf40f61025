package dev.governor.ingress.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackingIdTest {

    @Test
    void aTrackingIdReadsBackAsItsRequestSaltAndIndex() {
        String request = TrackingId.requestOf("token:crm-sync", "key-1");
        String salt = TrackingId.newSalt();
        TrackingId id = new TrackingId(request, salt, 17);

        assertThat(request).hasSize(TrackingId.REQUEST_LENGTH);
        assertThat(salt).hasSize(TrackingId.SALT_LENGTH);
        assertThat(TrackingId.parse(id.toString())).contains(id);
        assertThat(id.toString()).isEqualTo(request + salt + ".17");
    }

    @Test
    void theRequestPartIsTheCallersKeyAndNoOneElses() {
        assertThat(TrackingId.requestOf("token:a", "k")).isEqualTo(TrackingId.requestOf("token:a", "k"));
        assertThat(TrackingId.requestOf("token:a", "k")).isNotEqualTo(TrackingId.requestOf("token:b", "k"));
        // The separator keeps "a\nb" + "c" and "a" + "b\nc" apart.
        assertThat(TrackingId.requestOf("token:a", "b:c")).isNotEqualTo(TrackingId.requestOf("token:a:b", "c"));
    }

    @Test
    void everyClaimDrawsANewSalt() {
        Set<String> salts = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            salts.add(TrackingId.newSalt());
        }
        assertThat(salts).hasSize(10_000);
    }

    @Test
    void anIdMadeElsewhereIsARequestOfOneRecord() {
        String restored = "0b8e2f4e-6a8e-3c4f-9d3e-1f2a3b4c5d6e";

        assertThat(TrackingId.parse(restored)).contains(new TrackingId(TrackingId.FOREIGN + restored, "", 0));
        assertThat(TrackingId.parse(restored).orElseThrow().foreign()).isTrue();
        assertThat(TrackingId.parse(restored).orElseThrow().toString()).isEqualTo(restored);
    }

    @Test
    void anIdMadeElsewhereNeverNamesARequestOfOurs() {
        String request = TrackingId.requestOf("token:a", "k");

        assertThat(TrackingId.parse(request).orElseThrow().request()).isNotEqualTo(request);
    }

    @Test
    void anyTextEitherReadsBackAsItselfOrIsRefused() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "AZaz09_-.%/ \u00e9\n";
        for (int run = 0; run < 20_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            TrackingId.parse(text.toString())
                    .ifPresent(id -> assertThat(id.toString()).isEqualTo(text.toString()));
        }
    }

    @Test
    void whatCannotBeATrackingIdIsRefused() {
        String ours = new TrackingId(TrackingId.requestOf("c", "k"), TrackingId.newSalt(), 0).toString();
        for (String text : new String[] {
            "", "../etc/passwd", "a b", ours.replace(".0", ".01"), ours + "x", "x".repeat(65), "ü", null
        }) {
            assertThat(TrackingId.parse(text)).as(String.valueOf(text)).isEmpty();
        }
    }
}
