package dev.governor.salesforce.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The org's hourly Platform Event publishing allocation, as Governor's publishers share it. */
@ConfigMapping(prefix = "governor.salesforce.publishing")
public interface PublishAllocationConfig {

    /**
     * Platform Events the org may publish in a rolling hour (250,000 on Enterprise and up, 50,000 on a
     * Developer Edition). Pub/Sub API publishes spend only this, never daily API calls.
     */
    @WithDefault("250000")
    long hourlyAllocation();

    /** Share of the allocation left for the org's own flows and other publishers: Governor stops before it. */
    @WithDefault("0.1")
    double reserve();

    /** The allocation's rolling window: an hour on every org; shorter only in tests. */
    @WithDefault("1H")
    Duration window();
}
