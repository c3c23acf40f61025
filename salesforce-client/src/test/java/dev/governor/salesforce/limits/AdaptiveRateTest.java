package dev.governor.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveRateTest {

    private static final LimitGuardConfig CONFIG = new LimitGuardConfig() {
        public String org() {
            return "o";
        }

        public double callsPerSecond() {
            return 10;
        }

        public int burst() {
            return 1;
        }

        public double dailyReserve() {
            return 0.2;
        }

        public double slowDownFrom() {
            return 0.6;
        }

        public double slowestRate() {
            return 0.1;
        }

        public int maxConcurrent() {
            return 1;
        }

        public Duration permitLease() {
            return Duration.ofSeconds(1);
        }

        public Duration maxWait() {
            return Duration.ofSeconds(1);
        }
    };

    @Test
    void fullSpeedUntilTheSlowDownPointThenLinearlySlowerToTheReserveLine() {
        assertThat(AdaptiveRate.effective(CONFIG, 0.0)).isEqualTo(10);
        assertThat(AdaptiveRate.effective(CONFIG, 0.6)).isEqualTo(10);
        assertThat(AdaptiveRate.effective(CONFIG, 0.7)).isCloseTo(5.5, within(1e-9));
        assertThat(AdaptiveRate.effective(CONFIG, 0.8)).isCloseTo(1.0, within(1e-9));
        assertThat(AdaptiveRate.effective(CONFIG, 0.95)).isCloseTo(1.0, within(1e-9));
    }
}
