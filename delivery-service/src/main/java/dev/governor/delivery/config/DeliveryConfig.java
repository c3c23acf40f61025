package dev.governor.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How delivery writes to Salesforce and what it does with failures. */
@ConfigMapping(prefix = "governor.delivery")
public interface DeliveryConfig {

    /** Attempts for a record that keeps failing transiently, before it is dead-lettered. */
    @WithDefault("6")
    int maxAttempts();

    /**
     * How long a write waits in each retry topic: the first retry waits the first delay, the second the
     * second, every later one the last (each with up to {@link #retryJitter()} more, at random).
     */
    @WithDefault("5S,30S,3M")
    List<Duration> retryDelays();

    /** The largest random share added to a retry delay, so retries of one failure spread out. */
    @WithDefault("0.2")
    double retryJitter();

    /** How long to wait before looking again while the org's daily budget or the circuit stops writes. */
    @WithDefault("1M")
    Duration pauseProbeInterval();

    /**
     * While calls are plentiful, how long a granted call waits for more writes to join it, counted from
     * when its oldest write arrived: a trickle then fills collections instead of spending a call each.
     * When the call rate binds, writes have waited longer than this for the call and it goes at once.
     */
    @WithDefault("200MS")
    Duration linger();

    /** Writes held in memory at most, waiting for a call or in flight; past it, no more are fetched. */
    @WithDefault("4000")
    int queueCapacity();

    Ordering ordering();

    /** How versions of one record are kept in order (see {@code WriteSequencer}). */
    interface Ordering {

        /**
         * How long a writer's claim on a record lasts unless renewed; its holder renews it every third of
         * this while the write is in flight, so this is how soon a crashed replica's records can be written.
         */
        @WithDefault("10S")
        Duration lease();

        /**
         * How long past its due time an earlier version waiting in a retry topic still holds later versions
         * back; past it, its retry is taken as lost and later versions are written.
         */
        @WithDefault("10M")
        Duration blockExpiry();

        /** How long the written version of a record is remembered; at least the records topic's retention. */
        @WithDefault("7D")
        Duration memory();
    }
}
