package dev.governor.eventbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** What the event bridge relays, and how. Every key has an environment variable (GOVERNOR_BRIDGE_…). */
@ConfigMapping(prefix = "governor.bridge")
public interface BridgeConfig {

    /** Salesforce channels relayed into Kafka, by a name that is also their checkpoint's key. */
    Map<String, Subscription> subscriptions();

    /** The compacted topic of replay-id checkpoints, written in the same transaction as the events. */
    @WithDefault("governor.sf.checkpoints.v1")
    String checkpointTopic();

    /** The longest wait between tries to subscribe again after a failure (doubling from one second). */
    @WithDefault("30S")
    Duration maxBackoff();

    /** Where gap records go: a position Salesforce no longer has, and GAP_* change events. */
    @WithDefault("governor.sf.gaps.v1")
    String gapTopic();

    /**
     * A stream that sends neither events nor keepalives this long is taken for stalled and replaced by a
     * new subscription from the checkpoint (Salesforce sends a keepalive at least every 270 s).
     */
    @WithDefault("300S")
    Duration watchdog();

    /**
     * How long a replica's lead on a subscription lasts unless renewed (every third of it): a crashed
     * leader's subscription is taken over by another replica within this.
     */
    @WithDefault("15S")
    Duration lease();

    interface Subscription {
        /** The Pub/Sub API channel: {@code /event/Order_Event__e}, {@code /data/ChangeEvents}, … */
        String channel();

        /** The Kafka topic the channel's events go to. */
        String topic();

        /** Where a subscription without a checkpoint begins: EARLIEST (what is still retained) or LATEST. */
        @WithDefault("EARLIEST")
        Start start();

        /** Events requested from Salesforce and not yet relayed, at most (the Pub/Sub API allows 100). */
        @WithDefault("100")
        int outstanding();

        /**
         * When Salesforce no longer has the checkpoint's position (it fell out of the retention window):
         * EARLIEST takes what is still retained, LATEST only what comes next, FAIL stops the relay for an
         * operator. Each writes a gap record first.
         */
        @WithDefault("EARLIEST")
        GapPolicy gapPolicy();
    }

    enum GapPolicy {
        EARLIEST,
        LATEST,
        FAIL
    }

    enum Start {
        EARLIEST,
        LATEST
    }
}
