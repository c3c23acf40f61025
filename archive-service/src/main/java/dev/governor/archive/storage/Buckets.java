package dev.governor.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The service's two buckets: the archive's (archived topics and restore jobs, readable by analytics tools)
 * and a dedicated one for org snapshots, which hold the org's data and get their own access policy.
 */
@ApplicationScoped
public class Buckets {

    private final Bucket archive;
    private final Bucket snapshots;

    Buckets(S3AsyncClient s3, ObjectStoreConfig config) {
        this.archive = new Bucket(s3, config.bucket());
        this.snapshots = new Bucket(s3, config.snapshotBucket());
    }

    public Bucket archive() {
        return archive;
    }

    public Bucket snapshots() {
        return snapshots;
    }
}
