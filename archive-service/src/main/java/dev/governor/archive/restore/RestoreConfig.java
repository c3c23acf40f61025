package dev.governor.archive.restore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Restores from the archive into Kafka. */
@ConfigMapping(prefix = "governor.archive.restore")
public interface RestoreConfig {

    /** The folder of the bucket restore jobs are kept in (outside the archive's, so analytics never see them). */
    @WithDefault("restores")
    String prefix();

    /** Records a second a restore writes when its request names no rate. */
    @WithDefault("2000")
    int rate();

    /** The highest rate a request may ask for. */
    @WithDefault("50000")
    int maxRate();

    /** How often a running restore says it is alive, in its job file, even inside a long object. */
    @WithDefault("20S")
    Duration heartbeat();

    /** A running restore not heard of for this long is taken over by the next replica that looks. */
    @WithDefault("2M")
    Duration staleAfter();

    /** How often each replica looks for restores to take over. */
    @WithDefault("30S")
    Duration scanEvery();
}
