package dev.governor.delivery.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.common.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Where and until when a write waits for its next attempt, without a broker. */
class RetryScheduleTest {

    private static final List<Duration> DELAYS =
            List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5));
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void attemptTwoWaitsInTheFirstTierAndEveryAttemptPastTheTiersInTheLast() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0);
        assertThat(schedule.tier(2)).isZero();
        assertThat(schedule.tier(3)).isEqualTo(1);
        assertThat(schedule.tier(4)).isEqualTo(2);
        assertThat(schedule.tier(9)).isEqualTo(2);
        assertThat(schedule.topic(2)).isEqualTo(Topics.RECORDS_RETRY.get(0));
        assertThat(schedule.topic(9)).isEqualTo(Topics.RECORDS_RETRY.get(2));
    }

    @Test
    void withoutJitterAWriteWaitsExactlyItsTiersDelay() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0);
        assertThat(schedule.notBefore(2, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(schedule.notBefore(3, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(schedule.notBefore(7, NOW)).isEqualTo(NOW.plusSeconds(300));
        assertThat(schedule.shortly(NOW)).isEqualTo(NOW.plusSeconds(5));
    }

    @RepeatedTest(20)
    void jitterOnlyStretchesTheDelayAndByNoMoreThanItsShare() {
        RetrySchedule schedule = new RetrySchedule(DELAYS, 0.5);
        assertThat(schedule.notBefore(3, NOW)).isBetween(NOW.plusSeconds(30), NOW.plusSeconds(45));
    }

    @Test
    void oneDelayIsNeededPerRetryTopic() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofSeconds(1)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one per retry topic");
    }
}
