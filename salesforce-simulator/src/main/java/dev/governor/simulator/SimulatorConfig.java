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

    /** Platform Events. */
    Events events();

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

        /** API versions served, lowest first; {@code /services/data/} lists them. */
        @WithDefault("45.0,50.0,55.0,58.0,59.0,60.0,61.0,62.0,63.0,64.0")
        List<String> apiVersions();

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
    }

    enum Edition {
        DEVELOPER,
        ENTERPRISE,
        UNLIMITED,
        PERFORMANCE
    }
}
