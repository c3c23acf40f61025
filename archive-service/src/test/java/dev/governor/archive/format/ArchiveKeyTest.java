package dev.governor.archive.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ArchiveKeyTest {

    @Test
    void aKeyIsHiveStyleWithTheFirstRecordsHourAndItsOffsetPadded() {
        long timestamp = Instant.parse("2026-12-02T13:45:12.345Z").toEpochMilli();
        ArchiveKey key = ArchiveKey.of("archive", "governor.records.v1", 3, 42, timestamp);

        assertThat(key.key())
                .isEqualTo("archive/governor.records.v1/dt=2026-12-02/hour=13/partition=3/"
                        + "governor.records.v1+3+00000000000000000042.jsonl.gz");
        assertThat(key.hour()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    }

    @Test
    void aRecordWithoutATimestampCountsAs1970() {
        assertThat(ArchiveKey.of("archive", "t", 0, 0, -1).key()).contains("/dt=1970-01-01/hour=00/");
    }

    @Property(tries = 500)
    void everyKeyParsesBackToItself(
            @ForAll @IntRange(min = 0, max = 10_000) int partition,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset,
            @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long timestamp) {
        ArchiveKey key = ArchiveKey.of("archive", "governor.sf.changes.v1", partition, offset, timestamp);

        assertThat(ArchiveKey.parse(key.key())).contains(key);
    }

    @Property(tries = 300)
    void keysSortInOffsetOrderWithinAPartitionAndHour(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        String first = ArchiveKey.of("archive", "t", 1, a, 0).key();
        String second = ArchiveKey.of("archive", "t", 1, b, 0).key();

        assertThat(Integer.signum(first.compareTo(second))).isEqualTo(Long.signum(Long.compare(a, b)));
    }

    @Test
    void otherObjectsAreNotArchiveKeys() {
        assertThat(ArchiveKey.parse("archive/t/dt=2026-12-02/hour=13/partition=3/t+3+42.jsonl.gz"))
                .isEmpty();
        assertThat(ArchiveKey.parse("archive/t/dt=2026-12-02/hour=13/partition=3/u+3+00000000000000000042.jsonl.gz"))
                .isEmpty();
        assertThat(ArchiveKey.parse("archive/t/dt=2026-13-02/hour=13/partition=3/t+3+00000000000000000042.jsonl.gz"))
                .isEmpty();
        assertThat(ArchiveKey.parse("restores/abc/report.json")).isEmpty();
    }
}
