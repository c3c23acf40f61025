package dev.governor.salesforce.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What the limit guard holds one org to, shared through Redis by every replica and service that calls it.
 * Defaults suit a 50-licence Enterprise org (150,000 calls a day ≈ 1.7/s) that Governor shares with
 * people and other integrations.
 */
@ConfigMapping(prefix = "governor.salesforce.limits")
public interface LimitGuardConfig {

    /** Names the org in Redis keys; every user of one org must use the same value. */
    @WithDefault("default")
    String org();

    /** Steady API calls per second allowed to all Governor users of the org together. */
    @WithDefault("1.5")
    double callsPerSecond();

    /** Calls that may go at once after a quiet spell. */
    @WithDefault("5")
    int burst();

    /** Share of the daily allocation left for people and other integrations: Governor stops before it. */
    @WithDefault("0.2")
    double dailyReserve();

    /** From this share of the daily allocation used, the call rate slows down linearly toward the reserve. */
    @WithDefault("0.7")
    double slowDownFrom();

    /** The slowest the rate gets before the reserve line, as a share of {@link #callsPerSecond()}. */
    @WithDefault("0.1")
    double slowestRate();

    /** Requests in flight at once, all users together (the org refuses more than 25 long-running ones). */
    @WithDefault("10")
    int maxConcurrent();

    /** How long a permit is held at most: a crashed holder's permit comes back after it. */
    @WithDefault("2M")
    Duration permitLease();

    /** How long {@code acquire} waits for the rate or a permit before giving up. */
    @WithDefault("60S")
    Duration maxWait();
}
