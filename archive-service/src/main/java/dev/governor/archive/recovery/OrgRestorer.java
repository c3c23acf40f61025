package dev.governor.archive.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.archive.recovery.OrgRestore.Failure;
import dev.governor.archive.recovery.OrgRestore.ObjectRestore;
import dev.governor.archive.restore.Pacer;
import dev.governor.archive.restore.RestoreProducers;
import dev.governor.archive.snapshot.CsvPage;
import dev.governor.archive.snapshot.SnapshotConfig;
import dev.governor.archive.snapshot.SnapshotManifest;
import dev.governor.archive.snapshot.SnapshotStore;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import dev.governor.salesforce.schema.ObjectSchemas;
import dev.governor.salesforce.schema.SchemaLookup;
import dev.governor.service.kafka.KafkaSettings;
import dev.governor.service.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Puts the org back as a snapshot saw it: per object, the state at the chosen snapshot (its full snapshot's
 * rows, overridden by the incrementals' changes, less what they deleted) published as record writes on the
 * records topic, so delivery writes them within the org's limits like any other. Objects go in reference
 * order, and each waits for its writes' outcomes before the next: a record that was gone comes back with a
 * new Id, and the records pointing at it are written with that Id. The old → new Id map is written next to
 * the report. Runs on a thread of its own, one restore at a time per replica.
 */
@ApplicationScoped
public class OrgRestorer {

    private static final Logger LOG = Logger.getLogger(OrgRestorer.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Duration DESCRIBE = Duration.ofSeconds(30);

    /** What a restore needs before it writes anything: the chain, and per object its schema and key. */
    private record Prepared(
            SnapshotChain chain,
            List<String> order,
            Map<String, ObjectSchema> schemas,
            Map<String, FieldSchema> keys) {}

    /** A write published and not settled yet. */
    private record Pending(String oldId, String externalId) {}

    private final OrgRestoreConfig config;
    private final SnapshotConfig snapshots;
    private final SnapshotStore store;
    private final OrgRestores restores;
    private final ObjectSchemas schemas;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final AtomicReference<OrgRestore> running = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "governor-org-restore");
        thread.setDaemon(true);
        return thread;
    });
    private volatile KafkaProducer<byte[], byte[]> producer;

    OrgRestorer(
            OrgRestoreConfig config,
            SnapshotConfig snapshots,
            SnapshotStore store,
            OrgRestores restores,
            ObjectSchemas schemas,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.config = config;
        this.snapshots = snapshots;
        this.store = store;
        this.restores = restores;
        this.schemas = schemas;
        this.kafka = kafka;
        this.json = json;
        this.metrics = metrics;
    }

    void stop(@Observes ShutdownEvent ignored) {
        worker.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** What the request would write, per object, counted by reading the snapshots; nothing is written. */
    public OrgRestore plan(OrgRestoreRequest request) {
        Prepared prepared = prepare(request);
        OrgRestore plan = created(request, prepared, OrgRestore.State.DRY_RUN);
        for (String object : prepared.order()) {
            RowWrites rows = new RowWrites(
                    prepared.schemas().get(object), prepared.keys().get(object), Map.of());
            long[] counts = new long[2];
            forEachRow(prepared.chain(), object, row -> {
                counts[0]++;
                if (rows.of(row) instanceof RowWrites.Skipped) {
                    counts[1]++;
                }
            });
            plan = plan.with(
                    ObjectRestore.of(object, prepared.keys().get(object).name()).counted(counts[0], counts[1]),
                    Instant.now());
        }
        return plan;
    }

    /** Starts a restore; answers it as it begins. */
    public OrgRestore start(OrgRestoreRequest request) {
        Prepared prepared = prepare(request);
        OrgRestore restore = created(request, prepared, OrgRestore.State.RUNNING);
        if (!running.compareAndSet(null, restore)) {
            throw ProblemException.of(ProblemType.BUSY, "An org restore is running on this replica");
        }
        try {
            restores.save(restore);
        } catch (RuntimeException e) {
            running.set(null);
            throw ProblemException.unavailable("S3 did not take the restore's report: " + e.getMessage(), 30);
        }
        worker.execute(() -> run(restore, prepared));
        return restore;
    }

    public Optional<OrgRestore> status(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        OrgRestore live = running.get();
        return live != null && live.id().equals(id) ? Optional.of(live) : restores.find(id);
    }

    public List<OrgRestore> all() {
        OrgRestore live = running.get();
        return restores.all().stream()
                .map(r -> live != null && live.id().equals(r.id()) ? live : r)
                .toList();
    }

    /** A finished restore's Id map (CSV: object, the Id in the snapshot, the Id now, External ID, outcome). */
    public Optional<String> idMap(String id) {
        return ID.matcher(id).matches() ? restores.idMap(id) : Optional.empty();
    }

    private OrgRestore created(OrgRestoreRequest request, Prepared prepared, OrgRestore.State state) {
        Instant now = Instant.now();
        return new OrgRestore(
                UUID.randomUUID().toString(),
                request,
                prepared.chain().ids(),
                state,
                null,
                List.of(),
                now,
                now,
                null,
                null);
    }

    private Prepared prepare(OrgRestoreRequest request) {
        SnapshotChain chain;
        try {
            chain = SnapshotChain.ending(request.snapshot(), request.at(), store.all());
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("S3 did not answer: " + e.getMessage(), 30);
        }
        if (request.ratePerSecond() != null && request.ratePerSecond() < 1) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "ratePerSecond is at least 1");
        }
        Map<String, SnapshotManifest.ObjectExport> exported = chain.last().objects();
        List<String> asked = request.objects() == null || request.objects().isEmpty()
                ? List.copyOf(exported.keySet())
                : request.objects();
        Map<String, ObjectSchema> described = new LinkedHashMap<>();
        Map<String, FieldSchema> keys = new HashMap<>();
        for (String object : asked) {
            SnapshotManifest.ObjectExport export = exported.get(object);
            if (export == null) {
                throw ProblemException.of(
                        ProblemType.INVALID_REQUEST,
                        "Snapshot " + chain.last().id() + " holds no " + object + "; it holds " + exported.keySet());
            }
            ObjectSchema schema = describe(object);
            described.put(object, schema);
            keys.put(object, key(schema, export));
        }
        return new Prepared(chain, ObjectOrder.of(asked, described), described, keys);
    }

    private ObjectSchema describe(String object) {
        SchemaLookup lookup;
        try {
            lookup = schemas.lookup(object).await().atMost(DESCRIBE);
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("The org could not describe " + object + ": " + e.getMessage(), 30);
        }
        if (lookup instanceof SchemaLookup.Known known) {
            return known.schema();
        }
        if (lookup instanceof SchemaLookup.Unavailable unavailable) {
            throw ProblemException.unavailable(
                    "The org could not describe " + object + ": " + unavailable.reason(), 30);
        }
        throw ProblemException.of(ProblemType.INVALID_REQUEST, "The org has no object " + object + " to restore into");
    }

    /** The External ID field the object's records are upserted by: configured, or the first exported one. */
    private FieldSchema key(ObjectSchema schema, SnapshotManifest.ObjectExport export) {
        Optional<String> configured = Optional.ofNullable(snapshots.objects().get(export.object()))
                .flatMap(SnapshotConfig.SnapshotObject::externalIdField);
        Optional<FieldSchema> field = configured.isPresent()
                ? schema.field(configured.get()).filter(FieldSchema::idLookup)
                : export.fields().stream()
                        .map(schema::field)
                        .flatMap(Optional::stream)
                        .filter(f -> f.externalId() && f.idLookup())
                        .findFirst();
        return field.orElseThrow(() -> ProblemException.of(
                ProblemType.INVALID_REQUEST,
                export.object() + " has no External ID field "
                        + configured.map(c -> c + " ").orElse("among its exported fields ")
                        + "to upsert its records by"));
    }

    /**
     * The object's rows at the chain's point: the full snapshot's, less those the incrementals changed, then
     * theirs.
     */
    private void forEachRow(SnapshotChain chain, String object, Consumer<Map<String, String>> rows) {
        ObjectChanges changes = new ObjectChanges();
        List<SnapshotManifest> incrementals =
                chain.snapshots().subList(1, chain.snapshots().size());
        for (SnapshotManifest incremental : incrementals) {
            forEachPartRow(incremental, object, changes::apply);
        }
        forEachPartRow(chain.snapshots().get(0), object, row -> {
            if (!changes.changed(row.getOrDefault("Id", ""))) {
                rows.accept(row);
            }
        });
        changes.survivors().forEach(rows);
    }

    private void forEachPartRow(SnapshotManifest snapshot, String object, Consumer<Map<String, String>> rows) {
        SnapshotManifest.ObjectExport export = snapshot.objects().get(object);
        if (export == null) {
            return;
        }
        for (SnapshotManifest.Part part : export.parts()) {
            CsvPage page = CsvPage.read(store.readPart(part.key()));
            page.rows().forEach(values -> rows.accept(RowWrites.row(page.header(), values)));
        }
    }

    private void run(OrgRestore start, Prepared prepared) {
        OrgRestore restore = start;
        Map<String, String> newIds = new HashMap<>();
        StringBuilder idMap = new StringBuilder("object,snapshotId,id,externalId,outcome\n");
        try (OutcomeWatch watch = new OutcomeWatch(KafkaSettings.connection(kafka), json)) {
            Pacer pacer = new Pacer(
                    restore.request().ratePerSecond() == null
                            ? config.rate()
                            : restore.request().ratePerSecond());
            for (String object : prepared.order()) {
                restore = restoreObject(restore, prepared, object, newIds, idMap, watch, pacer);
            }
            String key = restores.saveIdMap(restore.id(), idMap.toString());
            restore = restore.finished(OrgRestore.State.DONE, null, key, Instant.now());
            LOG.infof("Org restore %s done: %d records from %s", restore.id(), restore.records(), restore.snapshots());
        } catch (Exception e) {
            LOG.errorf("Org restore %s failed: %s", restore.id(), e.getMessage());
            String key = null;
            try {
                key = restores.saveIdMap(restore.id(), idMap.toString());
            } catch (RuntimeException ignored) {
                // the report says it failed; the map of what was settled is lost with S3
            }
            restore = restore.finished(OrgRestore.State.FAILED, String.valueOf(e.getMessage()), key, Instant.now());
        } finally {
            try {
                restores.save(restore);
            } catch (RuntimeException e) {
                LOG.warnf("Could not save how org restore %s ended: %s", restore.id(), e.getMessage());
            }
            running.set(null);
        }
    }

    private OrgRestore restoreObject(
            OrgRestore restore,
            Prepared prepared,
            String object,
            Map<String, String> newIds,
            StringBuilder idMap,
            OutcomeWatch watch,
            Pacer pacer)
            throws Exception {
        FieldSchema key = prepared.keys().get(object);
        RowWrites rows = new RowWrites(prepared.schemas().get(object), key, newIds);
        Map<String, Pending> pending = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        long[] counts = new long[2];
        AtomicReference<Exception> failure = new AtomicReference<>();
        KafkaProducer<byte[], byte[]> out = producer();
        String restoreId = restore.id();
        watch.fromNow();
        forEachRow(prepared.chain(), object, row -> {
            counts[0]++;
            RowWrites.Result result = rows.of(row);
            if (result instanceof RowWrites.Skipped skipped) {
                counts[1]++;
                report(failures, new Failure(skipped.oldId(), null, "NOT_RESTORABLE", skipped.reason()));
                return;
            }
            RecordWrite write = ((RowWrites.Write) result).write();
            String trackingId = UUID.nameUUIDFromBytes(
                            (restoreId + "/" + object + "/" + result.oldId()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            pace(pacer);
            out.send(record(restoreId, trackingId, write), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            pending.put(trackingId, new Pending(result.oldId(), write.externalId()));
        });
        out.flush();
        if (failure.get() != null) {
            throw failure.get();
        }
        ObjectRestore progress = ObjectRestore.of(object, key.name())
                .counted(counts[0], counts[1])
                .published(pending.size());
        restore = saved(restore.with(progress, Instant.now()));
        long[] settled = new long[4]; // created, updated, superseded, failed
        long deadline = System.nanoTime() + config.settleTimeout().toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            watch.poll(Duration.ofSeconds(1), outcome -> {
                Pending write = pending.get(outcome.trackingId());
                if (write == null || outcome.status() == RecordOutcome.Status.RETRYING) {
                    return;
                }
                pending.remove(outcome.trackingId());
                settle(object, write, outcome, settled, failures, newIds, idMap);
            });
            running.set(restore.with(
                    progress.settled(settled[0], settled[1], settled[2], failures, settled[3], pending.size()),
                    Instant.now()));
        }
        progress = progress.settled(settled[0], settled[1], settled[2], failures, settled[3], pending.size());
        if (!pending.isEmpty()) {
            LOG.warnf(
                    "Org restore %s: %d writes of %s unsettled after %s",
                    restore.id(), pending.size(), object, config.settleTimeout());
        }
        return saved(restore.with(progress, Instant.now()));
    }

    private void settle(
            String object,
            Pending write,
            RecordOutcome outcome,
            long[] settled,
            List<Failure> failures,
            Map<String, String> newIds,
            StringBuilder idMap) {
        metrics.counter(
                        "governor.archive.org-restore.records",
                        "object",
                        object,
                        "outcome",
                        outcome.status().name())
                .increment();
        switch (outcome.status()) {
            case CREATED, UPDATED -> {
                settled[outcome.status() == RecordOutcome.Status.CREATED ? 0 : 1]++;
                if (outcome.salesforceId() != null) {
                    newIds.put(write.oldId(), outcome.salesforceId());
                }
                idMap.append(csv(object))
                        .append(',')
                        .append(csv(write.oldId()))
                        .append(',')
                        .append(csv(outcome.salesforceId()))
                        .append(',')
                        .append(csv(write.externalId()))
                        .append(',')
                        .append(outcome.status())
                        .append('\n');
            }
            case SUPERSEDED -> settled[2]++;
            case DEAD_LETTERED -> {
                settled[3]++;
                RecordOutcome.Error error = outcome.error();
                report(
                        failures,
                        new Failure(
                                write.oldId(),
                                write.externalId(),
                                error == null ? "DEAD_LETTERED" : error.statusCode(),
                                error == null ? null : error.message()));
            }
            default -> {}
        }
    }

    private void report(List<Failure> failures, Failure failure) {
        if (failures.size() < config.reportedFailures()) {
            failures.add(failure);
        }
    }

    private OrgRestore saved(OrgRestore restore) {
        restores.save(restore);
        running.set(restore);
        return restore;
    }

    private ProducerRecord<byte[], byte[]> record(String restoreId, String trackingId, RecordWrite write) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(GovernorHeaders.CE_SPECVERSION, utf8("1.0"));
        headers.add(GovernorHeaders.CE_ID, utf8(trackingId));
        headers.add(GovernorHeaders.CE_SOURCE, utf8("/archive/org-restores/" + restoreId));
        headers.add(GovernorHeaders.CE_TYPE, utf8(RecordCloudEvents.TYPE_RECORD_UPSERT));
        headers.add(GovernorHeaders.CE_SUBJECT, utf8(write.recordKey()));
        headers.add(GovernorHeaders.CE_TIME, utf8(Instant.now().toString()));
        headers.add("content-type", utf8(RecordCloudEvents.DATA_CONTENT_TYPE));
        try {
            return new ProducerRecord<>(
                    Topics.RECORDS, null, utf8(write.recordKey()), json.writeValueAsBytes(write), headers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pace(Pacer pacer) {
        try {
            pacer.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped");
        }
    }

    private static String csv(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = RestoreProducers.create(kafka, "governor-archive-org-restore");
                }
                current = producer;
            }
        }
        return current;
    }
}
