package dev.governor.archive.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Restoring the org from its snapshots, through the records topic. */
@ConfigMapping(prefix = "governor.archive.org-restore")
public interface OrgRestoreConfig {

    /** Record writes a second put on the records topic when a request names no rate. */
    @WithDefault("2000")
    int rate();

    /**
     * How long a restore waits, per object, for delivery to settle its writes (an outcome each) before it
     * reports the rest unsettled and goes on: a held budget or an outage may keep them waiting for hours.
     */
    @WithDefault("2H")
    Duration settleTimeout();

    /** How many failed rows per object the report names (all are counted). */
    @WithDefault("100")
    int reportedFailures();
}
