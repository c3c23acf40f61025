package dev.governor.archive.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchivedRecord;
import dev.governor.archive.format.ObjectFacts;
import dev.governor.service.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreSelectionTest {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void objectsAreChosenByPartitionHourAndOffsets() {
        RestoreSelection selection = RestoreSelection.of(
                request(List.of(1), NOON.plusSeconds(1800), NOON.plusSeconds(3600 + 60), 100L, 200L), 1000);

        assertThat(selection.takesFrom(key(1, 150, NOON), facts(150, 180))).isTrue();
        assertThat(selection.takesFrom(key(0, 150, NOON), facts(150, 180)))
                .as("other partition")
                .isFalse();
        assertThat(selection.takesFrom(key(1, 150, NOON.minusSeconds(3600)), facts(150, 180)))
                .as("an hour before")
                .isFalse();
        assertThat(selection.takesFrom(key(1, 150, NOON.plusSeconds(7200)), facts(150, 180)))
                .as("after the range")
                .isFalse();
        assertThat(selection.takesFrom(key(1, 201, NOON), facts(201, 300)))
                .as("offsets after")
                .isFalse();
        assertThat(selection.takesFrom(key(1, 50, NOON), facts(50, 100)))
                .as("ends on the first offset")
                .isTrue();
        assertThat(selection.takesAll(key(1, 150, NOON), facts(150, 180)))
                .as("the range starts inside the hour")
                .isFalse();
    }

    @Test
    void recordsAreTakenByTheirOwnTimeAndOffset() {
        RestoreSelection selection =
                RestoreSelection.of(request(List.of(), NOON, NOON.plusSeconds(60), null, null), 10);

        assertThat(selection.takes(record(0, 5, NOON))).isTrue();
        assertThat(selection.takes(record(3, 5, NOON.plusSeconds(59)))).isTrue();
        assertThat(selection.takes(record(3, 5, NOON.plusSeconds(60))))
                .as("to is not included")
                .isFalse();
        assertThat(selection.takes(record(3, 5, NOON.minusMillis(1)))).isFalse();
    }

    @Test
    void aRequestWithNoRangeTakesEverything() {
        RestoreSelection selection = RestoreSelection.of(request(null, null, null, null, null), 10);

        assertThat(selection.takesAll(key(4, 0, Instant.EPOCH), facts(0, Long.MAX_VALUE - 1)))
                .isTrue();
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> RestoreSelection.of(null, 10)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> RestoreSelection.of(
                        new RestoreRequest("bad topic", null, null, null, null, null, null, null, null), 10))
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> RestoreSelection.of(request(null, NOON, NOON, null, null), 10))
                .hasMessageContaining("from must be before to");
        assertThatThrownBy(() -> RestoreSelection.of(request(List.of(-1), null, null, null, null), 10))
                .hasMessageContaining("partitions");
        assertThatThrownBy(() -> RestoreSelection.of(request(null, null, null, 5L, 4L), 10))
                .hasMessageContaining("fromOffset");
        assertThatThrownBy(() ->
                        RestoreSelection.of(new RestoreRequest("t", null, null, null, null, null, null, null, 11), 10))
                .hasMessageContaining("ratePerSecond must be from 1 to 10");
        assertThatThrownBy(() -> RestoreSelection.of(
                        new RestoreRequest("t", null, null, null, null, null, "../x", null, null), 10))
                .hasMessageContaining("target");
    }

    private static RestoreRequest request(
            List<Integer> partitions, Instant from, Instant to, Long fromOffset, Long toOffset) {
        return new RestoreRequest("t", partitions, from, to, fromOffset, toOffset, null, null, null);
    }

    private static ArchiveKey key(int partition, long first, Instant hour) {
        return ArchiveKey.of("archive", "t", partition, first, hour.toEpochMilli());
    }

    private static ObjectFacts facts(long first, long last) {
        return new ObjectFacts(first, last, last - first + 1);
    }

    private static ArchivedRecord record(int partition, long offset, Instant time) {
        return new ArchivedRecord("t", partition, offset, time.toEpochMilli(), "CreateTime", null, null, List.of());
    }
}
