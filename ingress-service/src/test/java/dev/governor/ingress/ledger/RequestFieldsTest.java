package dev.governor.ingress.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.status.RequestStatus;
import dev.governor.ingress.status.RequestStatus.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A record's status survives the compact encoding exactly, and a typical one stays packable by Redis. */
class RequestFieldsTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final RequestFields.Shared SHARED =
            new RequestFields.Shared("token:crm-sync", "Account", "Governor_Key__c", ACCEPTED_AT);

    private static RequestStatus accepted(String trackingId, String externalId) {
        return new RequestStatus(
                trackingId,
                State.ACCEPTED,
                null,
                "Account",
                "Governor_Key__c",
                externalId,
                "token:crm-sync",
                ACCEPTED_AT,
                ACCEPTED_AT,
                null,
                0,
                null,
                List.of());
    }

    @Test
    void anAcceptedRecordReadsBackTheSame() {
        RequestStatus status = accepted("t.0", "ACME-000001");

        String stored = RequestFields.record(status, SHARED);

        assertThat(RequestFields.record("t.0", stored, SHARED)).isEqualTo(status);
        assertThat(RequestFields.shared(RequestFields.shared(SHARED))).isEqualTo(SHARED);
    }

    @Test
    void typicalValuesStayUnderRedisListpackLimit() {
        RequestStatus delivered = new RequestStatus(
                "t.0",
                State.DELIVERED,
                "UPDATED",
                "Account",
                "Governor_Key__c",
                "ACME-000001",
                "token:crm-sync",
                ACCEPTED_AT,
                ACCEPTED_AT.plusMillis(812),
                "001000000000001AAA",
                1,
                null,
                List.of());

        assertThat(bytes(RequestFields.record(accepted("t.0", "ACME-000001"), SHARED)))
                .isLessThanOrEqualTo(64);
        assertThat(bytes(RequestFields.record(delivered, SHARED))).isLessThanOrEqualTo(64);
        assertThat(bytes(RequestFields.shared(SHARED))).isLessThanOrEqualTo(64);
        assertThat(RequestFields.record("t.0", RequestFields.record(delivered, SHARED), SHARED))
                .isEqualTo(delivered);
    }

    @Test
    void anyStatusReadsBackTheSame() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            RequestFields.Shared shared = random.nextInt(5) == 0
                    ? null
                    : new RequestFields.Shared(text(random), text(random), text(random), instant(random));
            RequestStatus status = new RequestStatus(
                    "id." + run,
                    State.values()[random.nextInt(State.values().length)],
                    random.nextBoolean() ? null : (random.nextBoolean() ? "CREATED" : "UPDATED"),
                    shared == null ? null : shared.sobject(),
                    // A record names its own external id field only where it differs from its request's.
                    random.nextInt(4) == 0 ? "Own_" + text(random) : (shared == null ? null : shared.externalIdField()),
                    text(random),
                    shared == null ? null : shared.caller(),
                    shared == null ? null : shared.acceptedAt(),
                    random.nextBoolean() ? null : instant(random),
                    text(random),
                    random.nextBoolean() ? null : random.nextInt(100),
                    random.nextInt(3) == 0 ? null : error(random),
                    passed(random));

            String stored = RequestFields.record(status, shared);

            assertThat(RequestFields.record(status.trackingId(), stored, shared))
                    .as(stored)
                    .isEqualTo(status);
        }
    }

    @Test
    void theStatesPassedThroughReadBackInOrder() {
        RequestStatus retried = new RequestStatus(
                "t.0",
                State.DELIVERED,
                "CREATED",
                "Account",
                "Governor_Key__c",
                "ACME-000001",
                "token:crm-sync",
                ACCEPTED_AT,
                ACCEPTED_AT.plusSeconds(9),
                "001000000000001AAA",
                3,
                null,
                List.of(
                        new RequestStatus.Step(State.RETRYING, ACCEPTED_AT.plusMillis(400), 1, "UNABLE_TO_LOCK_ROW"),
                        new RequestStatus.Step(State.DEAD_LETTERED, ACCEPTED_AT.plusSeconds(2), 2, "DUPLICATE_VALUE")));

        String stored = RequestFields.record(retried, SHARED);

        assertThat(RequestFields.record("t.0", stored, SHARED)).isEqualTo(retried);
        assertThat(RequestFields.record("t.0", stored, SHARED).history())
                .extracting(RequestStatus.Step::status)
                .containsExactly(State.ACCEPTED, State.RETRYING, State.DEAD_LETTERED, State.DELIVERED);
    }

    private static List<RequestStatus.Step> passed(Random random) {
        List<RequestStatus.Step> passed = new ArrayList<>();
        for (int i = random.nextInt(3) == 0 ? random.nextInt(RequestStatus.PASSED_KEPT + 1) : 0; i > 0; i--) {
            passed.add(new RequestStatus.Step(
                    State.values()[random.nextInt(State.values().length)],
                    random.nextBoolean() ? null : instant(random),
                    random.nextBoolean() ? null : random.nextInt(100),
                    text(random)));
        }
        return passed;
    }

    private static RecordOutcome.Error error(Random random) {
        List<String> fields = null;
        if (random.nextBoolean()) {
            fields = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                fields.add(String.valueOf(text(random)));
            }
        }
        return new RecordOutcome.Error(text(random), text(random), fields);
    }

    /** Null, empty, or text with quotes, separators, escapes and characters outside ASCII. */
    private static String text(Random random) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        String alphabet = "aZ09_-|,\"\\[]{}: \u00e9\u4e2d\ud83d\ude00\n";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int at = random.nextInt(alphabet.length() - 1);
            char c = alphabet.charAt(at);
            text.append(
                    Character.isHighSurrogate(c)
                            ? alphabet.substring(at, at + 2)
                            : Character.isLowSurrogate(c) ? "x" : String.valueOf(c));
        }
        return text.toString();
    }

    private static Instant instant(Random random) {
        return Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
