package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Writes a batch of pending writes to Salesforce and settles every one of them: grouped by object and
 * external id field, the latest version of each record only (two versions of one record in one
 * collection would both fail), at most 200 per sObject Collections call. Permanent failures are settled
 * as dead letters at once; transient ones are tried again with exponential backoff and jitter until
 * they succeed or run out of attempts; a spent budget or an open circuit holds the batch — and with it
 * the partition, so Kafka keeps the backlog — until writes may resume. Nothing is settled twice and
 * nothing is dropped.
 */
@ApplicationScoped
public class CollectionWriter {

    private final SalesforceClient salesforce;
    private final DeliveryConfig config;

    public CollectionWriter(SalesforceClient salesforce, DeliveryConfig config) {
        this.salesforce = salesforce;
        this.config = config;
    }

    public Uni<List<Settlement>> write(List<PendingWrite> batch) {
        Map<String, List<PendingWrite>> groups = new LinkedHashMap<>();
        for (PendingWrite pending : batch) {
            groups.computeIfAbsent(pending.write().sobject() + "/" + pending.write().externalIdField(), k -> new ArrayList<>()).add(pending);
        }
        List<Uni<List<Settlement>>> work = new ArrayList<>();
        for (List<PendingWrite> group : groups.values()) {
            List<List<PendingWrite>> versions = latestFirst(group);
            for (int from = 0; from < versions.size(); from += SalesforceClient.MAX_COLLECTION_SIZE) {
                work.add(writeChunk(versions.subList(from, Math.min(versions.size(), from + SalesforceClient.MAX_COLLECTION_SIZE)), 1));
            }
        }
        return Uni.join().all(work).andFailFast().map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /**
     * Per external id, the writes of one record: the latest first (it is the one written), then the
     * older versions it supersedes, which share its outcome.
     */
    private static List<List<PendingWrite>> latestFirst(List<PendingWrite> group) {
        Map<String, List<PendingWrite>> byRecord = new LinkedHashMap<>();
        for (PendingWrite pending : group) {
            byRecord.computeIfAbsent(pending.write().externalId().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(0, pending);
        }
        return new ArrayList<>(byRecord.values());
    }

    private Uni<List<Settlement>> writeChunk(List<List<PendingWrite>> records, int attempt) {
        RecordWrite first = records.get(0).get(0).write();
        List<Map<String, Object>> bodies = new ArrayList<>(records.size());
        for (List<PendingWrite> versions : records) {
            RecordWrite latest = versions.get(0).write();
            Map<String, Object> body = new LinkedHashMap<>(latest.fields());
            body.put(latest.externalIdField(), latest.externalId());
            bodies.add(body);
        }
        return salesforce.upsert(first.sobject(), first.externalIdField(), bodies)
                .flatMap(result -> settle(records, result, attempt))
                .onFailure().recoverWithUni(failure -> onCallFailure(records, attempt, failure));
    }

    private Uni<List<Settlement>> settle(List<List<PendingWrite>> records, UpsertResult result, int attempt) {
        List<Settlement> settled = new ArrayList<>();
        List<List<PendingWrite>> retry = new ArrayList<>();
        List<SalesforceError> retryErrors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordResult r = result.records().get(i);
            if (r.success()) {
                RecordOutcome.Status status = r.created() ? RecordOutcome.Status.CREATED : RecordOutcome.Status.UPDATED;
                records.get(i).forEach(p -> settled.add(new Settlement(p, new RecordOutcome(p.trackingId(), status, r.id(), attempt, null))));
            } else if (r.errorClass() == ErrorClass.TRANSIENT && attempt < config.maxAttempts()) {
                retry.add(records.get(i));
                retryErrors.add(r.errors().get(0));
            } else {
                settled.addAll(deadLetters(records.get(i), r.errors().isEmpty()
                        ? new SalesforceError("UNKNOWN", "Salesforce reported a failure without an error", List.of()) : r.errors().get(0), attempt));
            }
        }
        if (retry.isEmpty()) {
            return Uni.createFrom().item(settled);
        }
        Log.infof("Retrying %d record(s) after a transient failure (%s), attempt %d of %d", retry.size(), retryErrors.get(0).code(),
                attempt + 1, config.maxAttempts());
        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(attempt))
                .flatMap(ignored -> writeChunk(retry, attempt + 1))
                .map(more -> {
                    settled.addAll(more);
                    return settled;
                });
    }

    private Uni<List<Settlement>> onCallFailure(List<List<PendingWrite>> records, int attempt, Throwable failure) {
        if (failure instanceof BudgetExhaustedException || failure instanceof CircuitBreakerOpenException
                || failure instanceof GovernorBusyException
                || (failure instanceof SalesforceCallException e && (e.is(ErrorClass.DAILY_LIMIT) || e.is(ErrorClass.FATAL)))) {
            Log.warnf("Holding %d record(s): %s; looking again in %s", records.size(), failure.getMessage(), config.pauseProbeInterval());
            return Uni.createFrom().voidItem().onItem().delayIt().by(config.pauseProbeInterval())
                    .flatMap(ignored -> probeBudget())
                    .flatMap(ignored -> writeChunk(records, attempt));
        }
        if (failure instanceof SalesforceCallException e && e.is(ErrorClass.PERMANENT)) {
            SalesforceError error = e.errors().isEmpty() ? new SalesforceError("HTTP_" + e.status(), e.getMessage(), List.of()) : e.errors().get(0);
            List<Settlement> settled = new ArrayList<>();
            records.forEach(versions -> settled.addAll(deadLetters(versions, error, attempt)));
            return Uni.createFrom().item(settled);
        }
        if (attempt >= config.maxAttempts()) {
            SalesforceError error = failure instanceof SalesforceCallException e && !e.errors().isEmpty() ? e.errors().get(0)
                    : new SalesforceError("TRANSIENT_FAILURE", String.valueOf(failure.getMessage()), List.of());
            List<Settlement> settled = new ArrayList<>();
            records.forEach(versions -> settled.addAll(deadLetters(versions, error, attempt)));
            return Uni.createFrom().item(settled);
        }
        Log.infof("Retrying a call of %d record(s) after: %s (attempt %d of %d)", records.size(), failure.getMessage(), attempt + 1,
                config.maxAttempts());
        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(attempt)).flatMap(ignored -> writeChunk(records, attempt + 1));
    }

    /** Asks the org for its usage, which the governor learns from; a failure here just means "not yet". */
    private Uni<Void> probeBudget() {
        return salesforce.limits().replaceWithVoid().onFailure().recoverWithNull();
    }

    private static List<Settlement> deadLetters(List<PendingWrite> versions, SalesforceError error, int attempt) {
        RecordOutcome.Error reason = new RecordOutcome.Error(error.code(), error.message(), error.fields());
        return versions.stream()
                .map(p -> new Settlement(p, new RecordOutcome(p.trackingId(), RecordOutcome.Status.DEAD_LETTERED, null, attempt, reason)))
                .toList();
    }

    /** Exponential backoff with full jitter, capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
