package dev.governor.delivery.writing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordWrite;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a granted call carries, chosen from the writes waiting, without Kafka, Redis or an org. */
class CollectionQueueTakeTest {

    private static long offset;

    private static CollectionQueue.Waiting waiting(String externalId) {
        RecordWrite write = new RecordWrite("Account", "External_Id__c", externalId, Map.of("Name", externalId));
        long version = offset++;
        return new CollectionQueue.Waiting(
                new PendingWrite(
                        "t-" + version,
                        write,
                        Map.of(),
                        version,
                        1,
                        new PendingWrite.Origin("governor.records.v1", 0, version)),
                version);
    }

    private static List<String> ids(List<PendingWrite> writes) {
        return writes.stream().map(w -> w.write().externalId()).toList();
    }

    @Test
    void takesTheOldestRecordsUpToTheLimitAndLeavesTheRestInOrder() {
        ArrayDeque<CollectionQueue.Waiting> queue =
                new ArrayDeque<>(List.of(waiting("A"), waiting("B"), waiting("C"), waiting("D")));

        assertThat(ids(CollectionQueue.takeOldest(queue, Set.of(), 2))).containsExactly("A", "B");
        assertThat(queue).extracting(w -> w.write().write().externalId()).containsExactly("C", "D");
    }

    @Test
    void everyWaitingVersionOfAChosenRecordGoesWithItEvenPastTheLimit() {
        ArrayDeque<CollectionQueue.Waiting> queue =
                new ArrayDeque<>(List.of(waiting("A"), waiting("B"), waiting("C"), waiting("a")));

        // "a" is A in another letter case: the same record, so it goes folded with A and counts once.
        assertThat(ids(CollectionQueue.takeOldest(queue, Set.of(), 2))).containsExactly("A", "B", "a");
        assertThat(queue).extracting(w -> w.write().write().externalId()).containsExactly("C");
    }

    @Test
    void aRecordInFlightWaitsWithAllItsVersionsForItsCallToSettle() {
        CollectionQueue.Waiting a = waiting("A");
        ArrayDeque<CollectionQueue.Waiting> queue = new ArrayDeque<>(List.of(a, waiting("B"), waiting("A")));

        List<PendingWrite> taken =
                CollectionQueue.takeOldest(queue, Set.of(a.write().recordKey()), 200);

        assertThat(ids(taken)).containsExactly("B");
        assertThat(queue).extracting(w -> w.write().write().externalId()).containsExactly("A", "A");
    }
}
