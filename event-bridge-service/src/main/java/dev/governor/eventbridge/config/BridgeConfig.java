package dev.governor.eventbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the event bridge relays, and how. Every key has an environment variable (GOVERNOR_BRIDGE_…). */
@ConfigMapping(prefix = "governor.bridge")
public interface BridgeConfig {

    /** Salesforce channels relayed into Kafka, by a name that is also their checkpoint's key. */
    Map<String, Subscription> subscriptions();

    /** External events published into Salesforce as Platform Events, by a name that keys their dedup. */
    Map<String, Route> routes();

    /** How routes publish, dedup and dead-letter. */
    Outbound outbound();

    /** The MQTT broker that {@code mqtt} routes read from. */
    Mqtt mqtt();

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

    interface Route {
        /** Where the route's events come from: {@code kafka}, {@code kafka-external} or {@code mqtt}. */
        Source source();

        /** The Kafka topic, or the MQTT topic filter ({@code +} and {@code #} allowed). */
        String topic();

        /** The Platform Event it publishes: {@code Order_Event__e}. */
        String event();

        /** Platform Event field → JSON pointer into the source event. */
        Map<String, String> fields();

        /** Platform Event field → a fixed value. */
        Map<String, String> constants();

        /** The Platform Event field (a date-time) that gets the source event's timestamp, if any. */
        Optional<String> timestampField();

        /** The header (Kafka) the source event's id is in; set this or {@link #idPointer()}. */
        Optional<String> idHeader();

        /** The JSON pointer to the source event's id in its body; set this or {@link #idHeader()}. */
        Optional<String> idPointer();

        /**
         * The Platform Event field the source event's id is written to: Salesforce-side subscribers dedup
         * by it, and the bridge finds by it whether an event whose publish it did not see answered got in.
         */
        String idField();
    }

    enum Source {
        /** A topic of the cluster Governor runs on ({@code kafka.bootstrap.servers}). */
        KAFKA,
        /**
         * A topic of another Kafka cluster: the {@code outbound-kafka-external} channel's own bootstrap servers
         * and credentials ({@code mp.messaging.incoming.outbound-kafka-external.*}).
         */
        KAFKA_EXTERNAL,
        MQTT
    }

    interface Outbound {
        /** Events no route could publish, with the reason, for an operator to replay. */
        @WithDefault("governor.events.dlq.v1")
        String deadLetterTopic();

        /** Dead events put back by an operator; every replica reads it and publishes them through their route. */
        @WithDefault("governor.events.replays.v1")
        String replayTopic();

        /** How long a source event's id is remembered as published: longer than any source redelivers. */
        @WithDefault("7D")
        Duration dedupTtl();

        /**
         * A claim on a source event older than this whose holder never said how its publish ended is taken
         * for a crashed holder's: the bridge looks in Salesforce for the event before publishing it again.
         */
        @WithDefault("30S")
        Duration claimTimeout();

        /** How long a publisher waits for more events to fill a publish (up to 200 events, 3 MB). */
        @WithDefault("10MS")
        Duration linger();

        /** Tries of a publish Salesforce refused for a reason that may pass, before the event is dead. */
        @WithDefault("5")
        int maxAttempts();

        /** Source events taken in and not yet settled, at most, per target Platform Event. */
        @WithDefault("4000")
        int maxQueued();
    }

    interface Mqtt {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("11883")
        int port();

        Optional<String> username();

        /** From the environment or a Kubernetes Secret only (GOVERNOR_BRIDGE_MQTT_PASSWORD). */
        Optional<String> password();

        @WithDefault("false")
        boolean ssl();

        /**
         * The client id of the bridge's persistent MQTT session: fixed, so the replica that takes the lead
         * resumes the session and the broker sends again what the previous leader had not acknowledged.
         */
        @WithDefault("governor-bridge")
        String clientId();

        @WithDefault("30")
        int keepAliveSeconds();
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
