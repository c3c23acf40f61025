package dev.governor.salesforce.schema;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the org's object descriptions are kept, and how long a caller waits for one. */
@ConfigMapping(prefix = "governor.salesforce.schema")
public interface SchemaConfig {

    /** How long a description is shared in Redis by every replica before the org is asked again. */
    @WithDefault("15M")
    Duration ttl();

    /**
     * How long a replica uses its own copy before it looks at Redis again; also the least time between
     * two descriptions fetched because a caller named a field the copy lacks.
     */
    @WithDefault("30S")
    Duration localTtl();

    /** How long "the org has no such object" is remembered. */
    @WithDefault("1M")
    Duration missingTtl();

    /** How long a replica waits before asking again after the org could not describe an object. */
    @WithDefault("5S")
    Duration unavailableTtl();

    /** How long a caller waits for a description it has none of; the fetch goes on for the next caller. */
    @WithDefault("2S")
    Duration fetchTimeout();
}
