package dev.governor.delivery.writing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordOutcome.Status;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.ordering.WriteSequencer;
import dev.governor.delivery.retry.RetrySchedule;
import dev.governor.salesforce.api.RecordResult;
import dev.governor.salesforce.error.SalesforceError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a written record's versions come to, and what the sequencer is told, without Salesforce or Redis. */
class RecordSettlementTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final RetrySchedule SCHEDULE =
            new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(3)), 0);
    private static final int MAX_ATTEMPTS = 3;
    private static final SalesforceError LOCKED = new SalesforceError("UNABLE_TO_LOCK_ROW", "locked", List.of());
    private static final SalesforceError MISSING =
            new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name"));

    private static PendingWrite version(long version, int attempt, Map<String, Object> fields) {
        return new PendingWrite(
                "t-" + version,
                new RecordWrite("Account", "External_Id__c", "A-1", fields),
                Map.of(),
                version,
                attempt,
                new PendingWrite.Origin(Topics.RECORDS, 0, version));
    }

    private record Settled(List<Settlement> settlements, WriteSequencer.Done done) {}

    private static Settled settle(
            Set<String> skip, Map<PendingWrite, CollectionWriter.Result> results, PendingWrite... versions) {
        RecordVersions record = RecordVersions.of(List.of(versions)).get(0);
        List<Settlement> settled = new ArrayList<>();
        WriteSequencer.Done done = RecordSettlement.settle(record, skip, results, MAX_ATTEMPTS, SCHEDULE, NOW, settled);
        return new Settled(settled, done);
    }

    private static Map<PendingWrite, CollectionWriter.Result> results(Object... pairs) {
        Map<PendingWrite, CollectionWriter.Result> results = new IdentityHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            results.put((PendingWrite) pairs[i], (CollectionWriter.Result) pairs[i + 1]);
        }
        return results;
    }

    @Test
    void writtenVersionsAreDeliveredAndTheFieldsTheyWroteRememberedButNotTheSkippedOnes() {
        PendingWrite v1 = version(10, 1, Map.of("Name", "Acme", "Phone", "1"));
        PendingWrite v2 = version(12, 1, Map.of("Name", "Acme Corp", "Industry", "Energy"));
        CollectionWriter.Result created =
                CollectionWriter.Result.written(new RecordResult("001000000000001AAA", true, true, List.of()));

        Settled settled = settle(Set.of("industry"), results(v1, created, v2, created), v1, v2);

        assertThat(settled.settlements())
                .extracting(s -> s.outcome().status())
                .containsExactly(Status.CREATED, Status.CREATED);
        assertThat(settled.settlements())
                .allSatisfy(s -> assertThat(s.outcome().salesforceId()).isEqualTo("001000000000001AAA"));
        assertThat(settled.done().written()).containsExactlyInAnyOrderEntriesOf(Map.of("name", 12L, "phone", 10L));
        assertThat(settled.done().settled()).isEqualTo(12);
        assertThat(settled.done().waiting()).isEqualTo(WriteSequencer.Done.NONE);
    }

    @Test
    void aRefusedVersionIsDeadLetteredWithItsReasonAndCountsAsSettled() {
        PendingWrite v1 = version(10, 1, Map.of("Phone", "1"));

        Settled settled = settle(Set.of(), results(v1, CollectionWriter.Result.failed(false, MISSING)), v1);

        Settlement only = settled.settlements().get(0);
        assertThat(only.outcome().status()).isEqualTo(Status.DEAD_LETTERED);
        assertThat(only.outcome().error().statusCode()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(only.outcome().error().fields()).containsExactly("Name");
        assertThat(settled.done().settled()).isEqualTo(10);
        assertThat(settled.done().written()).isEmpty();
    }

    @Test
    void versionsThatFailedForNowWaitTogetherInTheTierOfTheEarliestAndHoldTheRecordBack() {
        PendingWrite v1 = version(10, 2, Map.of("Name", "a"));
        PendingWrite v2 = version(12, 1, Map.of("Name", "b"));
        CollectionWriter.Result locked = CollectionWriter.Result.failed(true, LOCKED);

        Settled settled = settle(Set.of(), results(v1, locked, v2, locked), v1, v2);

        assertThat(settled.settlements()).allSatisfy(s -> {
            assertThat(s.outcome().status()).isEqualTo(Status.RETRYING);
            assertThat(s.retryAt()).isEqualTo(new Settlement.RetryAt(1, NOW.plusSeconds(30)));
        });
        assertThat(settled.settlements()).extracting(Settlement::nextAttempt).containsExactly(3, 2);
        assertThat(settled.done().waiting()).isEqualTo(10);
        assertThat(settled.done().waitingTier()).isEqualTo(1);
        assertThat(settled.done().waitingDue()).isEqualTo(NOW.plusSeconds(30).toEpochMilli());
        assertThat(settled.done().settled()).isEqualTo(WriteSequencer.Done.NONE);
    }

    @Test
    void aVersionOutOfAttemptsIsDeadLetteredWhileALaterOneStillWaits() {
        PendingWrite spent = version(10, MAX_ATTEMPTS, Map.of("Name", "a"));
        PendingWrite later = version(12, 1, Map.of("Name", "b"));
        CollectionWriter.Result locked = CollectionWriter.Result.failed(true, LOCKED);

        Settled settled = settle(Set.of(), results(spent, locked, later, locked), spent, later);

        assertThat(settled.settlements())
                .extracting(s -> s.outcome().status())
                .containsExactly(Status.DEAD_LETTERED, Status.RETRYING);
        assertThat(settled.settlements().get(1).retryAt().tier()).isZero();
        assertThat(settled.done().waiting()).isEqualTo(12);
        assertThat(settled.done().settled()).isEqualTo(10);
    }
}
