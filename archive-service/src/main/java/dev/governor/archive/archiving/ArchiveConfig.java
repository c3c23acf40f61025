package dev.governor.archive.archiving;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the topic archive reads and how it cuts the topics into objects. */
@ConfigMapping(prefix = "governor.archive")
public interface ArchiveConfig {

    /** Switches the topic archive off (restores and snapshots still run). */
    @WithDefault("true")
    boolean enabled();

    /** The topics archived: a regular expression over topic names, new matching topics included as they appear. */
    @WithDefault("governor\\..*")
    String topics();

    /** The consumer group whose committed offsets say how far each partition is in S3. */
    @WithDefault("governor-archive")
    String groupId();

    /** The first folder of every archived object's key. */
    @WithDefault("archive")
    String prefix();

    /** How often new topics matching {@link #topics()} are looked for. */
    @WithDefault("30S")
    Duration topicRefresh();

    /**
     * How long a replica that stopped heartbeating (crashed) keeps its partitions before the group gives them
     * to another: the archive of those partitions waits this long after a crash.
     */
    @WithDefault("15S")
    Duration sessionTimeout();

    Roll roll();

    Upload upload();

    /** When an object is closed and uploaded. Every rule but {@code max-open} depends only on the records. */
    interface Roll {

        /** Records per object at most. */
        @WithDefault("100000")
        int maxRecords();

        /** Uncompressed JSON per object at most. */
        @WithDefault("128M")
        MemorySize maxBytes();

        /**
         * How long an object stays open at most, so a quiet partition's records reach S3 within about this
         * long. The one rule that reads the clock; a redo after a crash still writes the same objects, because
         * the archive ends an object again where the copy already in S3 ends.
         */
        @WithDefault("1M")
        Duration maxOpen();
    }

    /** How objects go up. */
    interface Upload {

        /** Objects larger than this go up as multipart uploads in parts of this size (S3's minimum is 5 MiB). */
        @WithDefault("8M")
        MemorySize partSize();

        /**
         * Compressed bytes held at most, in open objects and uploads not yet confirmed together: past it,
         * consumption pauses (and the largest open object is closed early when nothing else would free memory).
         */
        @WithDefault("64M")
        MemorySize maxBuffered();

        /** First wait before an upload that failed is tried again; doubled each time up to {@link #maxBackoff()}. */
        @WithDefault("200MS")
        Duration backoff();

        @WithDefault("10S")
        Duration maxBackoff();
    }
}
