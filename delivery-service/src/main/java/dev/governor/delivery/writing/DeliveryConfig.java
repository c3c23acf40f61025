package dev.governor.delivery.writing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How delivery writes to Salesforce and what it does with failures. */
@ConfigMapping(prefix = "governor.delivery")
public interface DeliveryConfig {

    /** Attempts for a record that keeps failing transiently, before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** First backoff after a transient failure; it doubles each attempt, with jitter. */
    @WithDefault("1S")
    Duration initialBackoff();

    /** Longest backoff between attempts. */
    @WithDefault("1M")
    Duration maxBackoff();

    /** How long to wait before looking again while the org's daily budget or the circuit stops writes. */
    @WithDefault("1M")
    Duration pauseProbeInterval();
}
