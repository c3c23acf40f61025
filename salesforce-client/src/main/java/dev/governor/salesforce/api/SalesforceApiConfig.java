package dev.governor.salesforce.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Governor calls the Salesforce REST API. */
@ConfigMapping(prefix = "governor.salesforce.api")
public interface SalesforceApiConfig {

    /** The REST API version in every URL. */
    @WithDefault("63.0")
    String version();

    /** Connecting to the org's instance. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** Waiting for an answer; a long-running call holds one of the org's concurrency slots meanwhile. */
    @WithDefault("60S")
    Duration readTimeout();
}
