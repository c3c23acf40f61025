package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.control.DeliveryControl;
import dev.governor.delivery.ordering.SequencerUnavailableException;
import dev.governor.delivery.ordering.WriteSequencer;
import dev.governor.delivery.ordering.WriteTurn;
import dev.governor.salesforce.api.RecordResult;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.api.UpsertResult;
import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.SalesforceError;
import dev.governor.salesforce.governor.BudgetExhaustedException;
import dev.governor.salesforce.governor.GovernorBusyException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Writes a batch of pending writes to Salesforce and settles every one of them: grouped by object and
 * external id field, one version per record (two versions of one record in one collection would both
 * fail; the newest is written and the older ones share its fate), at most 200 records per sObject
 * Collections call, and only where the {@link WriteSequencer} gives the record's turn. A transient
 * failure settles the write as {@code RETRYING} (it goes to a retry topic) until attempts run out;
 * a permanent one as a dead letter. While the org's budget is spent, the circuit is open or Redis is
 * unreachable the chunk is held and delivery paused — Kafka keeps the backlog — until writes may go out.
 */
@ApplicationScoped
public class CollectionWriter {

    private final SalesforceClient salesforce;
    private final WriteSequencer sequencer;
    private final DeliveryControl control;
    private final DeliveryConfig config;

    public CollectionWriter(SalesforceClient salesforce, WriteSequencer sequencer, DeliveryControl control, DeliveryConfig config) {
        this.salesforce = salesforce;
        this.sequencer = sequencer;
        this.control = control;
        this.config = config;
    }

    public Uni<List<Settlement>> write(List<PendingWrite> batch) {
        Map<String, Map<String, List<PendingWrite>>> groups = new LinkedHashMap<>();
        for (PendingWrite pending : batch) {
            RecordWrite write = pending.write();
            groups.computeIfAbsent(write.sobject() + "/" + write.externalIdField(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(pending.recordKey(), k -> new ArrayList<>()).add(pending);
        }
        List<Uni<List<Settlement>>> work = new ArrayList<>();
        for (Map<String, List<PendingWrite>> records : groups.values()) {
            List<List<PendingWrite>> versions = new ArrayList<>(records.values());
            versions.forEach(v -> v.sort(Comparator.comparingLong(PendingWrite::version).reversed()));
            for (int from = 0; from < versions.size(); from += SalesforceClient.MAX_COLLECTION_SIZE) {
                work.add(writeChunk(versions.subList(from, Math.min(versions.size(), from + SalesforceClient.MAX_COLLECTION_SIZE))));
            }
        }
        return Uni.join().all(work).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** One collection's records; each entry holds one record's versions, the newest first. */
    private Uni<List<Settlement>> writeChunk(List<List<PendingWrite>> records) {
        return sequencer.begin(newest(records)).flatMap(turns -> {
            List<Settlement> settled = new ArrayList<>();
            List<List<PendingWrite>> writable = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                List<PendingWrite> versions = records.get(i);
                switch (turns.get(i)) {
                    case WRITE -> writable.add(versions);
                    case SUPERSEDED -> versions.forEach(p -> settled.add(outcome(p, RecordOutcome.Status.SUPERSEDED, null, p.attempt() - 1, null)));
                    case BUSY -> versions.forEach(p -> settled.add(outcome(p, RecordOutcome.Status.RETRYING, null, p.attempt() - 1,
                            new SalesforceError("RECORD_BUSY", "Another version of this record was being written", List.of()))));
                }
            }
            if (writable.isEmpty()) {
                return Uni.createFrom().item(settled);
            }
            return call(writable).map(more -> {
                settled.addAll(more);
                return settled;
            });
        }).onFailure(SequencerUnavailableException.class).recoverWithUni(failure -> hold(records, failure));
    }

    private Uni<List<Settlement>> call(List<List<PendingWrite>> records) {
        List<PendingWrite> newest = newest(records);
        RecordWrite first = newest.get(0).write();
        List<Map<String, Object>> bodies = new ArrayList<>(records.size());
        for (PendingWrite pending : newest) {
            Map<String, Object> body = new LinkedHashMap<>(pending.write().fields());
            body.put(pending.write().externalIdField(), pending.write().externalId());
            bodies.add(body);
        }
        return salesforce.upsert(first.sobject(), first.externalIdField(), bodies)
                .flatMap(result -> {
                    control.resume(DeliveryControl.Reason.WRITES_HELD);
                    List<Boolean> written = result.records().stream().map(RecordResult::success).toList();
                    return sequencer.finish(newest, written).replaceWith(settle(records, result));
                })
                .onFailure().recoverWithUni(failure -> sequencer.finish(newest, Collections.nCopies(newest.size(), false))
                        .flatMap(ignored -> onCallFailure(records, failure)));
    }

    private List<Settlement> settle(List<List<PendingWrite>> records, UpsertResult result) {
        List<Settlement> settled = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordResult r = result.records().get(i);
            List<PendingWrite> versions = records.get(i);
            if (r.success()) {
                RecordOutcome.Status status = r.created() ? RecordOutcome.Status.CREATED : RecordOutcome.Status.UPDATED;
                versions.forEach(p -> settled.add(outcome(p, status, r.id(), p.attempt(), null)));
            } else {
                SalesforceError error = r.errors().isEmpty()
                        ? new SalesforceError("UNKNOWN", "Salesforce reported a failure without an error", List.of()) : r.errors().get(0);
                settled.addAll(failed(versions, r.errorClass() == ErrorClass.TRANSIENT, error));
            }
        }
        return settled;
    }

    private Uni<List<Settlement>> onCallFailure(List<List<PendingWrite>> records, Throwable failure) {
        if (failure instanceof GovernorBusyException) {
            // The governor waited its longest for a permit; the org is busy, not broken: queue up again.
            return writeChunk(records);
        }
        if (failure instanceof BudgetExhaustedException || failure instanceof CircuitBreakerOpenException
                || (failure instanceof SalesforceCallException e && (e.is(ErrorClass.DAILY_LIMIT) || e.is(ErrorClass.FATAL)))) {
            return hold(records, failure);
        }
        boolean permanent = failure instanceof SalesforceCallException e && e.is(ErrorClass.PERMANENT);
        SalesforceError error = errorOf(failure);
        if (!permanent) {
            Log.infof("A call of %d record(s) failed transiently: %s", records.size(), failure.getMessage());
        }
        List<Settlement> settled = new ArrayList<>();
        records.forEach(versions -> settled.addAll(failed(versions, !permanent, error)));
        return Uni.createFrom().item(settled);
    }

    /** A failed record: retried if the failure is transient and attempts are left, dead-lettered otherwise. */
    private List<Settlement> failed(List<PendingWrite> versions, boolean transientFailure, SalesforceError error) {
        int attempt = versions.get(0).attempt();
        RecordOutcome.Status status = transientFailure && attempt < config.maxAttempts()
                ? RecordOutcome.Status.RETRYING : RecordOutcome.Status.DEAD_LETTERED;
        return versions.stream().map(p -> outcome(p, status, null, p.attempt(), error)).toList();
    }

    /**
     * Pauses delivery and holds the chunk until writes can go out again: waits, lets the org report its
     * usage (the governor learns from it when the rolling window frees calls), and tries the chunk again.
     */
    private Uni<List<Settlement>> hold(List<List<PendingWrite>> records, Throwable failure) {
        control.pause(DeliveryControl.Reason.WRITES_HELD, failure.getMessage());
        Log.warnf("Holding %d record(s): %s; looking again in %s", records.size(), failure.getMessage(), config.pauseProbeInterval());
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.pauseProbeInterval())
                .flatMap(ignored -> salesforce.limits().replaceWithVoid()
                        .onFailure().invoke(e -> Log.infof("The org's usage could not be read yet: %s", e.getMessage()))
                        .onFailure().recoverWithNull())
                .flatMap(ignored -> writeChunk(records));
    }

    private static SalesforceError errorOf(Throwable failure) {
        if (failure instanceof SalesforceCallException e) {
            return e.errors().isEmpty() ? new SalesforceError("HTTP_" + e.status(), e.getMessage(), List.of()) : e.errors().get(0);
        }
        return new SalesforceError("TRANSIENT_FAILURE", String.valueOf(failure.getMessage()), List.of());
    }

    private static List<PendingWrite> newest(List<List<PendingWrite>> records) {
        return records.stream().map(versions -> versions.get(0)).toList();
    }

    private static Settlement outcome(PendingWrite p, RecordOutcome.Status status, String salesforceId, int attempts, SalesforceError error) {
        RecordOutcome.Error reason = error == null ? null : new RecordOutcome.Error(error.code(), error.message(), error.fields());
        return new Settlement(p, new RecordOutcome(p.trackingId(), status, salesforceId, attempts, reason));
    }
}
