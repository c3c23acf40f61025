package dev.governor.archive.snapshot;

import dev.governor.archive.snapshot.SnapshotManifest.Kind;
import dev.governor.archive.snapshot.SnapshotManifest.ObjectExport;
import dev.governor.archive.snapshot.SnapshotManifest.State;
import dev.governor.common.problem.ProblemType;
import dev.governor.salesforce.api.QueryJobStatus;
import dev.governor.salesforce.api.QueryResults;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.limits.BudgetExhaustedException;
import dev.governor.salesforce.limits.LimitGuard;
import dev.governor.salesforce.limits.LimitGuardBusyException;
import dev.governor.salesforce.limits.Permit;
import dev.governor.service.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Org snapshots (Salesforce to S3): per configured object a Bulk API 2.0 query job, its results page by page
 * into gzip CSV parts, the manifest saved after every part. A full snapshot queries every live record; an
 * incremental one queries all rows ({@code queryAll}: deleted ones too) changed since the last snapshot's
 * high-water mark less a look-back. Every call goes through the limit guard, with a stricter line: past
 * {@code max-org-usage} of the org's day the snapshot pauses, and the resume timer goes on once the rolling
 * day has freed calls. One snapshot at a time across replicas ({@link SnapshotLock}); runs on a thread of
 * its own, blocking on the Salesforce client's answers, never on the event loop.
 */
@ApplicationScoped
public class SnapshotTaker {

    private static final Logger LOG = Logger.getLogger(SnapshotTaker.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Duration CALL = Duration.ofMinutes(2);
    private static final Duration MAX_POLL = Duration.ofSeconds(30);
    private static final DateTimeFormatter ID =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> SYSTEM_FIELDS = List.of("Id", "SystemModstamp", "IsDeleted");

    private final SnapshotConfig config;
    private final SnapshotStore store;
    private final SalesforceClient salesforce;
    private final LimitGuard guard;
    private final SnapshotLock lock;
    private final MeterRegistry metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "governor-snapshot");
        thread.setDaemon(true);
        return thread;
    });

    SnapshotTaker(
            SnapshotConfig config,
            SnapshotStore store,
            SalesforceClient salesforce,
            LimitGuard guard,
            SnapshotLock lock,
            MeterRegistry metrics) {
        this.config = config;
        this.store = store;
        this.salesforce = salesforce;
        this.guard = guard;
        this.lock = lock;
        this.metrics = metrics;
        config.objects().forEach((object, settings) -> {
            if (!NAME.matcher(object).matches()
                    || settings.fields().stream().anyMatch(f -> !NAME.matcher(f).matches())) {
                throw new IllegalArgumentException("governor.archive.snapshots.objects." + object
                        + ": object and field names are API names (letters, digits, underscores)");
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        worker.shutdownNow();
    }

    /** Starts a snapshot now (an incremental one falls back to full when there is none to start from). */
    public SnapshotManifest start(Kind kind) {
        if (config.objects().isEmpty()) {
            throw ProblemException.of(
                    ProblemType.INVALID_REQUEST, "No objects are configured (governor.archive.snapshots.objects)");
        }
        if (running.get()) {
            throw ProblemException.of(ProblemType.BUSY, "A snapshot is running on this replica");
        }
        boolean taken;
        try {
            taken = lock.take();
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("Redis, which holds the snapshot lock, did not answer", 30);
        }
        if (!taken) {
            throw ProblemException.of(ProblemType.BUSY, "A snapshot is running on another replica");
        }
        SnapshotManifest manifest;
        try {
            manifest = plan(kind);
            store.save(manifest);
        } catch (RuntimeException e) {
            lock.release();
            throw ProblemException.unavailable("The snapshot could not start: " + e.getMessage(), 30);
        }
        launch(manifest, true);
        return manifest;
    }

    public List<SnapshotManifest> all() {
        return store.all();
    }

    public Optional<SnapshotManifest> find(String id) {
        return Pattern.matches("[0-9TZ-]+-(full|incremental)", id) ? store.find(id) : Optional.empty();
    }

    @Scheduled(cron = "{governor.archive.snapshots.schedule}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            if (!config.objects().isEmpty() && !running.get() && lock.take()) {
                startScheduled();
            }
        } catch (RuntimeException e) {
            LOG.errorf("The scheduled snapshot could not start: %s", e.getMessage());
        }
    }

    private void startScheduled() {
        SnapshotManifest manifest;
        try {
            Optional<SnapshotManifest> lastFull = store.all().stream()
                    .filter(m -> m.kind() == Kind.FULL && m.state() == State.DONE)
                    .findFirst();
            boolean full = lastFull.isEmpty()
                    || lastFull.get().startedAt().plus(config.fullEvery()).isBefore(Instant.now());
            manifest = plan(full ? Kind.FULL : Kind.INCREMENTAL);
            store.save(manifest);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        launch(manifest, true);
    }

    /** Resumes the newest snapshot left paused (its share of the day spent) or abandoned (its replica gone). */
    @Scheduled(
            every = "{governor.archive.snapshots.resume-every}",
            delayed = "{governor.archive.snapshots.resume-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        if (config.objects().isEmpty() || running.get()) {
            return;
        }
        try {
            Optional<SnapshotManifest> unfinished = store.all().stream()
                    .filter(m -> m.state() == State.PAUSED || m.state() == State.RUNNING)
                    .findFirst();
            if (unfinished.isPresent() && lock.take()) {
                LOG.infof(
                        "Resuming snapshot %s (%s)",
                        unfinished.get().id(), unfinished.get().state());
                launch(unfinished.get().in(State.RUNNING, null, Instant.now()), false);
            }
        } catch (RuntimeException e) {
            // S3 or Redis away: the next look comes in resume-every
            LOG.debugf("Could not look for snapshots to resume: %s", e.getMessage());
        }
    }

    /** The manifest of a new snapshot: every configured object, with its query. */
    private SnapshotManifest plan(Kind asked) {
        Optional<SnapshotManifest> base = asked == Kind.INCREMENTAL
                ? store.all().stream().filter(m -> m.state() == State.DONE).findFirst()
                : Optional.empty();
        Kind kind = base.isPresent() ? Kind.INCREMENTAL : Kind.FULL;
        Instant now = Instant.now();
        Map<String, ObjectExport> objects = new LinkedHashMap<>();
        config.objects().forEach((object, settings) -> {
            List<String> fields = new ArrayList<>(SYSTEM_FIELDS);
            settings.fields().stream()
                    .filter(f -> SYSTEM_FIELDS.stream().noneMatch(s -> s.equalsIgnoreCase(f)))
                    .forEach(fields::add);
            Instant baseMark = base.map(b -> b.objects().get(object))
                    .map(ObjectExport::highWaterMark)
                    .orElse(null);
            Instant since = kind == Kind.INCREMENTAL && baseMark != null ? baseMark.minus(config.lookback()) : null;
            String query = "SELECT " + String.join(", ", fields) + " FROM " + object
                    + (since == null ? "" : " WHERE SystemModstamp > " + since.truncatedTo(ChronoUnit.SECONDS));
            objects.put(object, ObjectExport.planned(object, fields, query, since, baseMark));
        });
        String id = ID.format(now) + "-" + kind.name().toLowerCase(Locale.ROOT);
        return new SnapshotManifest(
                id, kind, base.map(SnapshotManifest::id).orElse(null), State.RUNNING, null, now, now, null, objects);
    }

    private void launch(SnapshotManifest manifest, boolean fresh) {
        running.set(true);
        worker.execute(() -> {
            try {
                run(manifest, fresh);
            } finally {
                running.set(false);
                lock.release();
            }
        });
    }

    private void run(SnapshotManifest start, boolean fresh) {
        SnapshotManifest manifest = start;
        try {
            if (!fresh) {
                salesforce.limits().await().atMost(CALL); // the org's usage now, before a resumed snapshot asks again
            }
            for (ObjectExport export : start.objects().values()) {
                if (!export.done()) {
                    manifest = export(manifest, export);
                }
            }
            manifest = manifest.in(State.DONE, null, Instant.now());
            LOG.infof(
                    "Snapshot %s done: %d records in %d API calls",
                    manifest.id(), manifest.records(), manifest.apiCalls());
        } catch (BudgetExhaustedException | LimitGuardBusyException e) {
            manifest = manifest.in(
                    State.PAUSED,
                    "paused at its share of the org's daily API allocation: " + e.getMessage(),
                    Instant.now());
            LOG.infof("Snapshot %s paused: %s", manifest.id(), e.getMessage());
        } catch (RuntimeException e) {
            manifest = manifest.in(State.FAILED, String.valueOf(e.getMessage()), Instant.now());
            LOG.errorf(e, "Snapshot %s failed", manifest.id());
        }
        store.save(manifest);
        if (manifest.state() == State.DONE) {
            applyRetention();
        }
    }

    /** Deletes the snapshots the retention keeps no more. */
    private void applyRetention() {
        try {
            List<SnapshotManifest> all = store.all();
            Set<String> keep = SnapshotRetention.keep(
                    all, config.retention().daily(), config.retention().weekly());
            for (SnapshotManifest snapshot : all) {
                if (!keep.contains(snapshot.id())) {
                    store.deleteSnapshot(snapshot.id());
                    LOG.infof("Snapshot %s deleted: past the retention", snapshot.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not apply the snapshots' retention: %s", e.getMessage());
        }
    }

    /** Exports one object to its end, saving the manifest after every part; answers the manifest then. */
    private SnapshotManifest export(SnapshotManifest manifest, ObjectExport start) {
        boolean incremental = manifest.kind() == Kind.INCREMENTAL;
        ObjectExport export = start;
        long calls = export.apiCalls();
        try {
            if (export.jobId() == null) {
                String job = salesforce
                        .createQueryJob(consent(), export.query(), incremental)
                        .await()
                        .atMost(CALL);
                calls++;
                export = export.startedBy(job, export.highWaterMark(), calls);
                manifest = saved(manifest.with(export, Instant.now()));
            }
            if (export.parts().isEmpty()) {
                calls = awaitComplete(export.jobId(), calls);
            }
            while (!export.done()) {
                QueryResults page = salesforce
                        .queryResults(consent(), export.jobId(), export.nextLocator(), config.pageSize())
                        .await()
                        .atMost(CALL);
                calls++;
                CsvPage whole = CsvPage.read(page.csv());
                CsvPage csv = whole.changedAfter(export.since());
                SnapshotManifest.Part part = store.putPart(
                        SnapshotStore.partKey(
                                manifest.id(), export.object(), export.parts().size() + 1),
                        csv == whole ? page.csv() : csv.csv(),
                        csv.rows().size());
                export = export.withPage(
                        part,
                        csv.rows().size(),
                        csv.deleted(),
                        csv.highWaterMark(),
                        page.last(),
                        page.nextLocator(),
                        calls);
                metrics.counter("governor.archive.snapshot.records", "object", export.object())
                        .increment(csv.rows().size());
                manifest = saved(manifest.with(export, Instant.now()));
            }
            return manifest;
        } catch (SalesforceCallException e) {
            if (e.status() == 404 && export.jobId() != null) {
                LOG.warnf(
                        "The query job of %s is gone (%s); exporting the object again",
                        export.object(), e.getMessage());
                export.parts().forEach(part -> store.delete(part.key()));
                ObjectExport again =
                        export.startedBy(null, start.since() == null ? null : start.highWaterMark(), calls);
                return export(saved(manifest.with(again, Instant.now())), again);
            }
            throw e;
        }
    }

    /** Waits for the job, asking its state with doubling pauses (each ask is an API call); answers the calls. */
    private long awaitComplete(String job, long calls) {
        Duration wait = config.pollEvery();
        while (true) {
            QueryJobStatus status = salesforce.queryJob(consent(), job).await().atMost(CALL);
            calls++;
            if (status.complete()) {
                return calls;
            }
            if (status.ended()) {
                throw new IllegalStateException(
                        "the query job " + job + " ended " + status.state() + ": " + status.errorMessage());
            }
            if (!lock.renew()) {
                throw new IllegalStateException("the snapshot lock was lost");
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    private SnapshotManifest saved(SnapshotManifest manifest) {
        store.save(manifest);
        lock.renew();
        return manifest;
    }

    private Uni<Permit> consent() {
        return guard.acquireWithin(1 - config.maxOrgUsage());
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped");
        }
    }
}
