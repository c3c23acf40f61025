package dev.governor.archive.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the archive keeps its objects: any S3-compatible store. */
@ConfigMapping(prefix = "governor.s3")
public interface ObjectStoreConfig {

    /** The S3 endpoint; empty means AWS's regional endpoint. Set it for S3-compatible servers. */
    Optional<URI> endpoint();

    /** The region requests are signed for. */
    @WithDefault("us-east-1")
    String region();

    /** Access key id; empty means the AWS default credentials chain (environment, IRSA, instance role). */
    Optional<String> accessKey();

    /** Secret access key, from the environment or a Kubernetes Secret only. */
    Optional<String> secretKey();

    /** Path-style addressing ({@code endpoint/bucket/key}), which S3-compatible servers need. */
    @WithDefault("true")
    boolean pathStyle();

    /** The bucket archived topics (and restore jobs) are written to. */
    @WithDefault("governor-archive")
    String bucket();

    /** The dedicated bucket of org snapshots: the org's own data, under an access policy of its own. */
    @WithDefault("governor-snapshots")
    String snapshotBucket();

    /**
     * Create the bucket when it is missing. Off in production, where the bucket is provisioned with its
     * lifecycle and access policies; on for the local stack and tests.
     */
    @WithDefault("false")
    boolean createBucket();

    /** Deadline for one S3 call, retries included. */
    @WithDefault("5S")
    Duration callTimeout();
}
