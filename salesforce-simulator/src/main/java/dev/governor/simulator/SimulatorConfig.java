package dev.governor.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything that makes the simulated org what it is. Each key can be set from the environment. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The org. */
    Org org();

    /** API limits; see {@code ../shared/brief/salesforce-api.md} for the real figures. */
    Limits limits();

    /** OAuth: connected apps and sessions. */
    Auth auth();

    /** Platform Events and change events: retention. */
    Events events();

    /** Change Data Capture. */
    ChangeEvents changeEvents();

    /** The Pub/Sub API (gRPC). */
    PubSub pubsub();

    /** Bulk API 2.0 query jobs. */
    Bulk bulk();

    interface Org {
        /** A JSON file describing objects and fields; empty uses the built-in model. */
        Optional<Path> modelFile();

        /** The 18-character org id, reported as the tenant and in identity URLs. */
        @WithDefault("00D5g000004SIMAEAW")
        String id();

        /**
         * The instance URL returned by the token endpoint. Empty: the scheme and host the token request
         * came to, so any client reaches the simulator where it found it.
         */
        Optional<String> instanceUrl();

        /**
         * The oldest API version served. Real orgs retired 21.0 to 30.0 in 2025 and serve every version
         * since; clients default to old ones (jsforce to 50.0, Camel to 56.0).
         */
        @WithDefault("31.0")
        String oldestApiVersion();

        /** The newest API version served; {@code /services/data/} lists every one from the oldest up. */
        @WithDefault("66.0")
        String newestApiVersion();

        /** Every version served, lowest first. */
        default List<String> apiVersions() {
            int oldest = (int) Double.parseDouble(oldestApiVersion());
            int newest = (int) Double.parseDouble(newestApiVersion());
            return java.util.stream.IntStream.rangeClosed(oldest, newest)
                    .mapToObj(major -> major + ".0")
                    .toList();
        }

        /**
         * From this API version on, an upsert that updates answers 200 with a body; below it, 204 with
         * none. Reported as v46.0 (unverified), hence a setting.
         */
        @WithDefault("46.0")
        String upsertUpdateBodyFromVersion();

        /** Writes kept per record for inspection; counts of creates and updates are always complete. */
        @WithDefault("10")
        int historyPerRecord();
    }

    interface Limits {
        /** Edition, which sets the defaults below: DEVELOPER, ENTERPRISE, UNLIMITED or PERFORMANCE. */
        @WithDefault("ENTERPRISE")
        Edition edition();

        /** Salesforce user licences; Enterprise adds 1,000 daily calls each, Unlimited 5,000. */
        @WithDefault("50")
        int licenses();

        /** Explicit daily API request allocation (rolling 24 h), overriding the edition's formula. */
        Optional<Long> dailyApiRequests();

        /** Requests running at least this long count as long-running. */
        @WithDefault("20S")
        Duration longRunningThreshold();

        /** Long-running requests allowed at once; default by edition (25, Developer 5). */
        Optional<Integer> concurrentLongRunning();

        /** Platform Events publishable per hour; default by edition (250,000, Developer 50,000). */
        Optional<Long> hourlyPublishedPlatformEvents();

        /** Platform Events deliverable per rolling 24 h to all subscribers; default by edition. */
        Optional<Long> dailyDeliveredPlatformEvents();
    }

    interface Auth {
        /** How long a session lives after it was issued (the org's session timeout). */
        @WithDefault("2H")
        Duration sessionTimeout();

        /** The audiences a JWT bearer assertion may name. */
        @WithDefault("https://login.salesforce.com,https://test.salesforce.com")
        List<String> audiences();

        /** Connected apps, by name. */
        Map<String, ConnectedApp> apps();
    }

    interface ConnectedApp {
        /** The consumer key (the JWT {@code iss}; the client-credentials {@code client_id}). */
        String consumerKey();

        /** The consumer secret for the client-credentials grant; empty disables that grant. */
        Optional<String> consumerSecret();

        /** PEM (certificate or public key), or a path to one, that verifies JWT bearer assertions. */
        Optional<String> certificate();

        /**
         * Usernames pre-authorised for this app (the JWT {@code sub}); the first is the client-credentials run-as user.
         */
        @WithDefault("integration@governor.example")
        List<String> users();
    }

    interface Events {
        /** How long published events can be replayed (72 h for high-volume Platform Events and CDC). */
        @WithDefault("72H")
        Duration retention();

        /**
         * Events kept per channel at most; the oldest leave first, as if their retention had passed
         * (bounds memory under a benchmark; a real org keeps everything for the retention window).
         */
        @WithDefault("500000")
        int maxRetainedPerChannel();
    }

    interface ChangeEvents {
        /**
         * Changes of one object in one transaction beyond which the rest are told by a single GAP_OVERFLOW
         * event (Salesforce: 100,000).
         */
        @WithDefault("100000")
        int overflowThreshold();
    }

    interface Bulk {
        /** How long a query job stays InProgress before its results are ready. */
        @WithDefault("1S")
        java.time.Duration processingTime();

        /** Records a results page holds when the client names no maxRecords. */
        @WithDefault("50000")
        int defaultMaxRecords();
    }

    interface PubSub {
        /** With nothing to deliver, a subscription gets an empty FetchResponse this often (Salesforce: 270 s). */
        @WithDefault("270S")
        Duration keepaliveInterval();

        /**
         * A subscription that has nothing requested is closed this long after its last FetchResponse
         * unless the client asks for more (Salesforce: 60 s).
         */
        @WithDefault("60S")
        Duration idleTimeout();

        /** A PublishStream is closed this long after its last publish (Salesforce: about 70 s). */
        @WithDefault("70S")
        Duration publishStreamIdleTimeout();

        /** Events a subscription may have requested and not yet received. */
        @WithDefault("100")
        int maxRequestedEvents();

        /** Events one PublishRequest may carry. */
        @WithDefault("200")
        int maxEventsPerPublish();

        /** Bytes one event's payload may have; a larger one gets a per-event error. */
        @WithDefault("1048576")
        int maxEventBytes();

        /** How often open streams are checked for keepalives, idle time and revoked sessions. */
        @WithDefault("250MS")
        Duration tick();
    }

    enum Edition {
        DEVELOPER,
        ENTERPRISE,
        UNLIMITED,
        PERFORMANCE
    }
}
