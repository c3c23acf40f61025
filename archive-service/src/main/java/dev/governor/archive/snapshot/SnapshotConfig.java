package dev.governor.archive.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Org snapshots: which objects, how they are exported, and how much of the org's day they may spend. */
@ConfigMapping(prefix = "governor.archive.snapshots")
public interface SnapshotConfig {

    /**
     * The objects snapshotted, each with its fields ({@code governor.archive.snapshots.objects.Account.fields=
     * Name,Industry,External_Id__c}); {@code Id}, {@code SystemModstamp} and {@code IsDeleted} are always
     * exported too. None configured: no snapshots.
     */
    Map<String, SnapshotObject> objects();

    /**
     * Snapshots call Salesforce only while the org has used less than this share of its daily API allocation
     * (whoever used it); past it a snapshot pauses and resumes once the rolling day frees calls. Live traffic
     * keeps the rest, and the limit guard's own reserve is never touched.
     */
    @WithDefault("0.5")
    double maxOrgUsage();

    /** Records per results page, one API call each (Bulk API 2.0 serves up to many thousands per page). */
    @WithDefault("50000")
    int pageSize();

    /** The first wait between status checks of a query job (each check is an API call), doubled up to 30 s. */
    @WithDefault("1S")
    Duration pollEvery();

    /**
     * How far before the last snapshot's high-water mark an incremental one starts, so records whose change
     * was committed late (an earlier SystemModstamp) are not missed; a record found twice is harmless.
     */
    @WithDefault("5M")
    Duration lookback();

    /** A scheduled snapshot is full when the last full one is older than this, else incremental. */
    @WithDefault("7D")
    Duration fullEvery();

    /** When scheduled snapshots run (Quarkus cron: seconds minutes hours day-of-month month day-of-week). */
    @WithDefault("0 0 2 * * ?")
    String schedule();

    /** How often a paused or abandoned snapshot is looked at and resumed. */
    @WithDefault("10M")
    Duration resumeEvery();

    /** Which snapshots are kept, applied after each one that finishes (and the ones they build on). */
    Retention retention();

    interface Retention {

        /** The newest snapshot of each of this many last days. */
        @WithDefault("7")
        int daily();

        /** The newest snapshot of each of this many last ISO weeks. */
        @WithDefault("4")
        int weekly();
    }

    interface SnapshotObject {
        List<String> fields();

        /**
         * The External ID field a restore upserts the object's records by; by default the first exported field
         * the org describes as an External ID.
         */
        Optional<String> externalIdField();
    }
}
