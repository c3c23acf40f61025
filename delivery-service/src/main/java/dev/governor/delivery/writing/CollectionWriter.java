package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;
import dev.governor.delivery.config.DeliveryConfig;
import dev.governor.delivery.control.DeliveryControl;
import dev.governor.delivery.ordering.SequencerUnavailableException;
import dev.governor.delivery.ordering.WriteSequencer;
import dev.governor.delivery.ordering.WriteTurn;
import dev.governor.delivery.retry.RetrySchedule;
import dev.governor.salesforce.api.RecordResult;
import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.SalesforceError;
import dev.governor.salesforce.limits.BudgetExhaustedException;
import dev.governor.salesforce.limits.LimitGuard;
import dev.governor.salesforce.limits.LimitGuardBusyException;
import dev.governor.salesforce.limits.Permit;
import dev.governor.salesforce.schema.ObjectSchemas;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Writes a batch of pending writes to Salesforce and settles every one of them. A record's versions in
 * the batch are written as one collection record, their fold (a field takes the newest value any of them
 * sets), at most 200 records per sObject Collections call, and only where the {@link WriteSequencer}
 * gives the record's turn — leaving out fields a newer version already wrote. One record never sinks
 * another: a call Salesforce refuses whole (an unknown field, a value it cannot read) is split until only
 * the culprits remain, and a fold refused for one record is written again version by version, so only
 * the version at fault is dead-lettered. A transient failure settles the writes {@code RETRYING} (they go
 * to a retry topic together) until attempts run out. While the org's budget is spent, the circuit is open
 * or Redis is unreachable, the writes are held and delivery paused — Kafka keeps the backlog.
 */
@ApplicationScoped
public class CollectionWriter {

    private final SalesforceClient salesforce;
    private final LimitGuard limitGuard;
    private final WriteSequencer sequencer;
    private final DeliveryControl control;
    private final RetrySchedule schedule;
    private final ObjectSchemas schemas;
    private final DeliveryConfig config;

    public CollectionWriter(
            SalesforceClient salesforce,
            LimitGuard limitGuard,
            WriteSequencer sequencer,
            DeliveryControl control,
            RetrySchedule schedule,
            ObjectSchemas schemas,
            DeliveryConfig config) {
        this.salesforce = salesforce;
        this.limitGuard = limitGuard;
        this.sequencer = sequencer;
        this.control = control;
        this.schedule = schedule;
        this.schemas = schemas;
        this.config = config;
    }

    /** What one write came to: written (with the record's id), refused for good, or failed for now. */
    record Result(Kind kind, String salesforceId, boolean created, SalesforceError error) {

        enum Kind {
            WRITTEN,
            PERMANENT,
            TRANSIENT
        }

        static Result written(RecordResult r) {
            return new Result(Kind.WRITTEN, r.id(), r.created(), null);
        }

        static Result failed(boolean transientFailure, SalesforceError error) {
            return new Result(transientFailure ? Kind.TRANSIENT : Kind.PERMANENT, null, false, error);
        }
    }

    /** One collection record to send: a record's versions (all or some) and the fields to leave out. */
    record Job(RecordVersions versions, Set<String> skip) {

        Map<String, Object> body() {
            return versions.body(skip);
        }

        Job first() {
            return new Job(versions.first(), skip);
        }

        Job rest() {
            return new Job(versions.rest(), skip);
        }
    }

    /**
     * Writes up to 200 records of one collection (their pending versions folded per record) in one call
     * made with {@code granted}, a permit the caller took from the limit guard before it chose the records,
     * and settles every write. Calls that splitting or holding needs beyond the first ask the limit guard
     * themselves. The permit is released in every case.
     */
    public Uni<List<Settlement>> write(List<PendingWrite> writes, Permit granted) {
        List<RecordVersions> records = RecordVersions.of(writes);
        if (records.size() > SalesforceClient.MAX_COLLECTION_SIZE) {
            granted.release().subscribe().with(ignored -> {});
            throw new IllegalArgumentException(
                    "A collection call carries at most " + SalesforceClient.MAX_COLLECTION_SIZE + " records");
        }
        return writeChunk(records, granted);
    }

    private Uni<List<Settlement>> writeChunk(List<RecordVersions> records, Permit granted) {
        List<WriteSequencer.Ask> asks = records.stream()
                .map(r -> new WriteSequencer.Ask(
                        r.recordKey(), r.oldest().version(), r.newest().version(), r.fieldVersions(Set.of())))
                .toList();
        return sequencer
                .begin(asks)
                .flatMap(turns -> {
                    Instant now = Instant.now();
                    List<Settlement> settled = new ArrayList<>();
                    List<Job> jobs = new ArrayList<>();
                    for (int i = 0; i < records.size(); i++) {
                        RecordVersions record = records.get(i);
                        WriteTurn turn = turns.get(i);
                        switch (turn.kind()) {
                            case WRITE -> jobs.add(new Job(record, turn.skip()));
                            case SUPERSEDED ->
                                record.writes()
                                        .forEach(p -> settled.add(Settlement.of(
                                                p,
                                                RecordOutcome.Status.SUPERSEDED,
                                                null,
                                                p.attempt() - 1,
                                                null,
                                                null)));
                            case BUSY ->
                                waitWithoutAttempt(
                                        record,
                                        new Settlement.RetryAt(0, schedule.shortly(now)),
                                        "RECORD_BUSY",
                                        "Another version of this record was being written",
                                        settled);
                            case BEHIND ->
                                waitWithoutAttempt(
                                        record,
                                        new Settlement.RetryAt(
                                                turn.behindTier(),
                                                Instant.ofEpochMilli(Math.max(turn.behindUntil(), now.toEpochMilli()))),
                                        "RECORD_BEHIND",
                                        "An earlier version of this record waits for another attempt",
                                        settled);
                        }
                    }
                    if (jobs.isEmpty()) {
                        return release(granted).replaceWith(settled);
                    }
                    return attempt(jobs, granted).flatMap(results -> {
                        List<WriteSequencer.Done> done = new ArrayList<>();
                        for (Job job : jobs) {
                            done.add(RecordSettlement.settle(
                                    job.versions(),
                                    job.skip(),
                                    results,
                                    config.maxAttempts(),
                                    schedule,
                                    Instant.now(),
                                    settled));
                        }
                        return sequencer.finish(done).replaceWith(settled);
                    });
                })
                .onFailure(SequencerUnavailableException.class)
                .recoverWithUni(failure ->
                        release(granted).chain(() -> hold(failure, () -> writeChunk(records, null))));
    }

    private static Uni<Void> release(Permit permit) {
        return permit == null ? Uni.createFrom().voidItem() : permit.release();
    }

    private static void waitWithoutAttempt(
            RecordVersions record, Settlement.RetryAt at, String code, String message, List<Settlement> settled) {
        SalesforceError reason = new SalesforceError(code, message, List.of());
        record.writes()
                .forEach(p -> settled.add(
                        Settlement.of(p, RecordOutcome.Status.RETRYING, null, p.attempt() - 1, reason, at)));
    }

    /**
     * Writes the jobs in one collection call and answers each write's result. A call refused as a whole
     * is split; a record's fold refused is written again one version at a time.
     */
    private Uni<Map<PendingWrite, Result>> attempt(List<Job> jobs) {
        return attempt(jobs, null);
    }

    /** With {@code granted}, the call is made with that permit; without, the limit guard is asked for one. */
    private Uni<Map<PendingWrite, Result>> attempt(List<Job> jobs, Permit granted) {
        RecordVersions first = jobs.get(0).versions();
        List<Map<String, Object>> bodies = jobs.stream().map(Job::body).toList();
        Uni<Permit> consent =
                granted == null ? limitGuard.acquire() : Uni.createFrom().item(granted);
        return salesforce
                .upsert(
                        consent,
                        first.newest().write().sobject(),
                        first.newest().write().externalIdField(),
                        bodies)
                // Refused before the permit was used (the circuit is open): give it back. Releasing twice is harmless.
                .onFailure()
                .call(() -> release(granted))
                .flatMap(answer -> {
                    control.resume(DeliveryControl.Reason.WRITES_HELD);
                    Map<PendingWrite, Result> results = new IdentityHashMap<>();
                    List<Job> refusedFolds = new ArrayList<>();
                    for (int i = 0; i < jobs.size(); i++) {
                        Job job = jobs.get(i);
                        RecordResult r = answer.records().get(i);
                        if (r.success()) {
                            job.versions().writes().forEach(p -> results.put(p, Result.written(r)));
                            continue;
                        }
                        SalesforceError error = r.errors().isEmpty()
                                ? new SalesforceError(
                                        "UNKNOWN", "Salesforce reported a failure without an error", List.of())
                                : r.errors().get(0);
                        noticeUnknownField(first, error);
                        boolean transientFailure = r.errorClass() == ErrorClass.TRANSIENT;
                        if (!transientFailure && job.versions().writes().size() > 1) {
                            refusedFolds.add(job);
                        } else {
                            job.versions()
                                    .writes()
                                    .forEach(p -> results.put(p, Result.failed(transientFailure, error)));
                        }
                    }
                    return refusedFolds.isEmpty()
                            ? Uni.createFrom().item(results)
                            : oneVersionAtATime(refusedFolds).map(more -> merge(results, more));
                })
                .onFailure()
                .recoverWithUni(failure -> onCallFailure(jobs, failure));
    }

    private Uni<Map<PendingWrite, Result>> onCallFailure(List<Job> jobs, Throwable failure) {
        if (failure instanceof LimitGuardBusyException) {
            // The limit guard waited its longest for a permit; the org is busy, not broken: queue up again.
            return attempt(jobs);
        }
        if (failure instanceof BudgetExhaustedException
                || failure instanceof CircuitBreakerOpenException
                || (failure instanceof SalesforceCallException e
                        && (e.is(ErrorClass.DAILY_LIMIT) || e.is(ErrorClass.FATAL)))) {
            return hold(failure, () -> attempt(jobs));
        }
        SalesforceError error = errorOf(failure);
        boolean permanent = failure instanceof SalesforceCallException e && e.is(ErrorClass.PERMANENT);
        if (permanent) {
            noticeUnknownField(jobs.get(0).versions(), error);
            if (jobs.size() > 1) {
                return isolate(jobs, error);
            }
            if (jobs.get(0).versions().writes().size() > 1) {
                return oneVersionAtATime(jobs);
            }
        } else {
            Log.infof("A call of %d record(s) failed transiently: %s", jobs.size(), failure.getMessage());
        }
        Map<PendingWrite, Result> results = new IdentityHashMap<>();
        jobs.forEach(job -> job.versions().writes().forEach(p -> results.put(p, Result.failed(!permanent, error))));
        return Uni.createFrom().item(results);
    }

    /**
     * Salesforce refused the whole call for what some of its records hold. Where the error names a field
     * (INVALID_FIELD: "No such column 'X'…"), the records that set it are the culprits; otherwise the call
     * is halved. Each part is written on its own, so the others go through.
     */
    private Uni<Map<PendingWrite, Result>> isolate(List<Job> jobs, SalesforceError error) {
        String column = RefusedCalls.namedColumn(error).orElse(null);
        List<Job> culprits = new ArrayList<>();
        List<Job> others = new ArrayList<>();
        for (Job job : jobs) {
            (column != null && RefusedCalls.sets(job.body(), column) ? culprits : others).add(job);
        }
        if (culprits.isEmpty() || others.isEmpty()) {
            culprits = new ArrayList<>(jobs.subList(0, jobs.size() / 2));
            others = new ArrayList<>(jobs.subList(jobs.size() / 2, jobs.size()));
        }
        Log.infof(
                "Salesforce refused a call of %d record(s) (%s); writing %d and %d apart",
                jobs.size(), error.code(), others.size(), culprits.size());
        List<Job> second = culprits;
        return attempt(others).flatMap(a -> attempt(second).map(b -> merge(a, b)));
    }

    /** Writes each refused record's versions in order, one per call round, so only the version at fault is refused. */
    private Uni<Map<PendingWrite, Result>> oneVersionAtATime(List<Job> jobs) {
        List<Job> firsts = jobs.stream().map(Job::first).toList();
        return attempt(firsts).flatMap(results -> {
            List<Job> rest = new ArrayList<>();
            for (Job job : jobs) {
                Result first = results.get(job.versions().oldest());
                Job remaining = job.rest();
                if (first.kind() == Result.Kind.TRANSIENT) {
                    // Later versions must not overtake one that will be tried again: they wait with it.
                    remaining.versions().writes().forEach(p -> results.put(p, first));
                } else if (!remaining.versions().writes().isEmpty()) {
                    rest.add(remaining);
                }
            }
            return rest.isEmpty()
                    ? Uni.createFrom().item(results)
                    : oneVersionAtATime(rest).map(more -> merge(results, more));
        });
    }

    /**
     * Pauses delivery and holds the writes until they can go out again: waits, lets the org report its
     * usage (the limit guard learns from it when the rolling window frees calls), and tries again.
     */
    private <T> Uni<T> hold(Throwable failure, Supplier<Uni<T>> again) {
        return holdFor(failure).flatMap(ignored -> again.get());
    }

    /**
     * Pauses delivery for a failure that stops every write (a spent budget, an open circuit, Redis out of
     * reach), waits, and lets the org report its usage; the caller then tries again.
     */
    public Uni<Void> holdFor(Throwable failure) {
        control.pause(DeliveryControl.Reason.WRITES_HELD, failure.getMessage());
        Log.warnf("Holding writes: %s; looking again in %s", failure.getMessage(), config.pauseProbeInterval());
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(config.pauseProbeInterval())
                .flatMap(ignored -> salesforce
                        .limits()
                        .replaceWithVoid()
                        .onFailure()
                        .invoke(e -> Log.infof("The org's usage could not be read yet: %s", e.getMessage()))
                        .onFailure()
                        .recoverWithNull());
    }

    /** An unknown field means the ingress's description of the object is out of date: drop the shared copy. */
    private void noticeUnknownField(RecordVersions record, SalesforceError error) {
        if ("INVALID_FIELD".equals(error.code())) {
            String sobject = record.newest().write().sobject();
            schemas.invalidate(sobject)
                    .subscribe()
                    .with(
                            ok -> {},
                            e -> Log.debugf("Could not drop the description of %s: %s", sobject, e.getMessage()));
        }
    }

    private static Map<PendingWrite, Result> merge(Map<PendingWrite, Result> a, Map<PendingWrite, Result> b) {
        a.putAll(b);
        return a;
    }

    private static SalesforceError errorOf(Throwable failure) {
        if (failure instanceof SalesforceCallException e) {
            return e.errors().isEmpty()
                    ? new SalesforceError("HTTP_" + e.status(), e.getMessage(), List.of())
                    : e.errors().get(0);
        }
        return new SalesforceError("TRANSIENT_FAILURE", String.valueOf(failure.getMessage()), List.of());
    }
}
