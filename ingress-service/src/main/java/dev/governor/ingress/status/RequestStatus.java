package dev.governor.ingress.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller sees at {@code GET /v1/records/{trackingId}}.
 *
 * @param status    where the write is (see {@link State})
 * @param operation for DELIVERED: CREATED or UPDATED
 * @param passed    the states it was in between its acceptance and now, oldest first, at most {@link
 *                  #PASSED_KEPT}: accepted and then delivered passes through none, so the common path
 *                  stores nothing for it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestStatus(
        String trackingId,
        State status,
        String operation,
        String sobject,
        String externalIdField,
        String externalId,
        String caller,
        Instant acceptedAt,
        Instant updatedAt,
        String salesforceId,
        Integer attempts,
        RecordOutcome.Error error,
        @JsonIgnore List<Step> passed) {

    /** How many of the states between acceptance and now are kept (the latest ones). */
    public static final int PASSED_KEPT = 8;

    public RequestStatus {
        passed = passed == null ? List.of() : List.copyOf(passed);
    }

    /**
     * One state a write was in, from when.
     *
     * @param errorCode Salesforce's status code for a refusal (RETRYING, DEAD_LETTERED)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(State status, Instant at, Integer attempts, String errorCode) {}

    /** Every state the write was in, oldest first: accepted, the states it passed through, and where it is now. */
    @JsonProperty("history")
    public List<Step> history() {
        List<Step> history = new ArrayList<>(passed.size() + 2);
        if (acceptedAt != null && (status != State.ACCEPTED || !passed.isEmpty())) {
            history.add(new Step(State.ACCEPTED, acceptedAt, null, null));
        }
        history.addAll(passed);
        history.add(now());
        return history;
    }

    private Step now() {
        return new Step(status, updatedAt, attempts, error == null ? null : error.statusCode());
    }

    /** Where an accepted write is; the names are the API's. */
    public enum State {
        /** Buffered in Kafka, not written yet. */
        ACCEPTED,
        /** Written to Salesforce. */
        DELIVERED,
        /** Refused for now by something that passes; it will be tried again. */
        RETRYING,
        /** It cannot succeed; it is in the dead-letter topic with the reason. */
        DEAD_LETTERED,
        /** A newer version of the record was written instead (and holds this one's fields). */
        SUPERSEDED
    }

    /** The status of a write the moment it was accepted. */
    public static RequestStatus accepted(RecordEnvelope envelope) {
        return new RequestStatus(
                envelope.trackingId(),
                State.ACCEPTED,
                null,
                envelope.write().sobject(),
                envelope.write().externalIdField(),
                envelope.write().externalId(),
                envelope.caller(),
                envelope.acceptedAt(),
                envelope.acceptedAt(),
                null,
                0,
                null,
                List.of());
    }

    /**
     * A write known only by its tracking id: its outcome came before its accepted status was recorded
     * (Redis was unreachable then), so the outcome is all there is to show.
     */
    public static RequestStatus knownOnlyBy(String trackingId) {
        return new RequestStatus(
                trackingId, State.ACCEPTED, null, null, null, null, null, null, null, null, null, null, List.of());
    }

    /**
     * This accepted status followed by what outcomes applied before it was stored made of the write
     * ({@code early}, a status known only by its tracking id): who, what and when accepted from this one,
     * where it stands and what it passed through from {@code early}.
     */
    public RequestStatus followedBy(RequestStatus early) {
        return new RequestStatus(
                trackingId,
                early.status,
                early.operation,
                sobject,
                externalIdField,
                externalId,
                caller,
                acceptedAt,
                early.updatedAt,
                early.salesforceId,
                early.attempts,
                early.error,
                early.passed);
    }

    /**
     * This status after an outcome from delivery. A RETRYING outcome of an earlier attempt than the one
     * already shown, which can only arrive late, is not shown over it, nor SUPERSEDED over DELIVERED.
     */
    public RequestStatus with(RecordOutcome outcome, Instant at) {
        if (outcome.status() == RecordOutcome.Status.RETRYING
                && attempts != null
                && outcome.attempts() != null
                && attempts > outcome.attempts()) {
            return this;
        }
        if (outcome.status() == RecordOutcome.Status.SUPERSEDED && status == State.DELIVERED) {
            // A write delivered and then read again (a batch redelivered after a crash) is found already
            // written: it stays delivered.
            return this;
        }
        State newStatus = switch (outcome.status()) {
            case CREATED, UPDATED -> State.DELIVERED;
            case RETRYING -> State.RETRYING;
            case DEAD_LETTERED -> State.DEAD_LETTERED;
            case SUPERSEDED -> State.SUPERSEDED;
        };
        String newOperation = switch (outcome.status()) {
            case CREATED, UPDATED -> outcome.status().name();
            default -> null;
        };
        return new RequestStatus(
                trackingId,
                newStatus,
                newOperation,
                sobject,
                externalIdField,
                externalId,
                caller,
                acceptedAt,
                at,
                outcome.salesforceId() != null ? outcome.salesforceId() : salesforceId,
                outcome.attempts(),
                outcome.error(),
                passedBefore());
    }

    /** What was passed through once this state gives way to the next: the latest {@link #PASSED_KEPT}. */
    private List<Step> passedBefore() {
        if (status == State.ACCEPTED) {
            return passed;
        }
        List<Step> next = new ArrayList<>(passed);
        next.add(now());
        return next.subList(Math.max(0, next.size() - PASSED_KEPT), next.size());
    }
}
