package dev.governor.archive.archiving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.archive.format.ArchiveKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollPolicyTest {

    private static final long NOON = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();
    private final RollPolicy policy = new RollPolicy(3, 1000, Duration.ofSeconds(60));

    @Test
    void aRecordOfAnotherHourStartsANewObject() {
        OpenObject object = new OpenObject(ArchiveKey.of("archive", "t", 0, 0, NOON + 5), 0);

        assertThat(policy.before(object, NOON + 3_599_999)).isNull();
        assertThat(policy.before(object, NOON + 3_600_000)).isEqualTo(RollReason.HOUR);
        assertThat(policy.before(object, NOON - 1)).isEqualTo(RollReason.HOUR);
    }

    @Test
    void anObjectEndsAtItsRecordOrByteLimit() {
        OpenObject object = new OpenObject(ArchiveKey.of("archive", "t", 0, 0, NOON), 0);
        object.append(0, line(10));
        object.append(1, line(10));
        assertThat(policy.after(object)).isNull();
        object.append(2, line(10));
        assertThat(policy.after(object)).isEqualTo(RollReason.RECORDS);

        OpenObject big = new OpenObject(ArchiveKey.of("archive", "t", 0, 0, NOON), 0);
        big.append(0, line(1000));
        assertThat(policy.after(big)).isEqualTo(RollReason.BYTES);
    }

    @Test
    void anObjectOpenTooLongEnds() {
        OpenObject object = new OpenObject(ArchiveKey.of("archive", "t", 0, 0, NOON), 1_000);

        assertThat(policy.openTooLong(object, 1_000 + Duration.ofSeconds(59).toNanos()))
                .isFalse();
        assertThat(policy.openTooLong(object, 1_000 + Duration.ofSeconds(60).toNanos()))
                .isTrue();
    }

    private static byte[] line(int length) {
        return "x".repeat(length).getBytes(StandardCharsets.UTF_8);
    }
}
