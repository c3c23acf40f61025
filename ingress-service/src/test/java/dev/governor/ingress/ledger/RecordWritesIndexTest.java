package dev.governor.ingress.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ingress.status.RequestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a changed status is entered again in the index by record, and under which record key. */
class RecordWritesIndexTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:15:00Z");

    private static RequestStatus acceptedAt(Instant acceptedAt, String externalId) {
        return new RequestStatus(
                "t-1",
                RequestStatus.State.DELIVERED,
                "UPDATED",
                "Account",
                "External_Id__c",
                externalId,
                "token:crm-sync",
                acceptedAt,
                NOW,
                null,
                1,
                null,
                List.of());
    }

    @Test
    void aStatusChangedOnTheDayItWasAcceptedNeedsNoNewEntry() {
        assertThat(RecordWritesIndex.recordKeyToRenew(acceptedAt(Instant.parse("2026-12-06T00:00:00Z"), "A-1"), NOW))
                .isEmpty();
    }

    @Test
    void aStatusChangedOnALaterDayIsEnteredUnderItsIdInLowerCase() {
        Instant yesterday = Instant.parse("2026-12-05T23:59:59Z");
        assertThat(RecordWritesIndex.recordKeyToRenew(acceptedAt(yesterday, "Mixed-Case-1"), NOW))
                .contains("account:external_id__c:mixed-case-1");
        assertThat(RecordWritesIndex.recordKeyToRenew(acceptedAt(NOW.minus(Duration.ofDays(6)), "B"), NOW))
                .contains("account:external_id__c:b");
    }

    @Test
    void aStatusKnownOnlyByItsTrackingIdIsNotEntered() {
        assertThat(RecordWritesIndex.recordKeyToRenew(RequestStatus.knownOnlyBy("t-2"), NOW))
                .isEmpty();
    }
}
