package dev.governor.ingress.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.governor.common.record.RecordOutcome;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * What a caller sees at {@code GET /v1/records/{trackingId}}.
 *
 * @param status    ACCEPTED (buffered in Kafka), DELIVERED (written to Salesforce), RETRYING, DEAD_LETTERED, SUPERSEDED
 *                  (a newer version of the record was written instead)
 * @param operation for DELIVERED: CREATED or UPDATED
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestStatus(
        String trackingId,
        String status,
        String operation,
        String sobject,
        String externalIdField,
        String externalId,
        String caller,
        Instant acceptedAt,
        Instant updatedAt,
        String salesforceId,
        Integer attempts,
        RecordOutcome.Error error) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DELIVERED = "DELIVERED";

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
        if (outcome.status() == RecordOutcome.Status.SUPERSEDED && DELIVERED.equals(status)) {
            // A write delivered and then read again (a batch redelivered after a crash) is found already
            // written: it stays delivered.
            return this;
        }
        String newStatus = switch (outcome.status()) {
            case CREATED, UPDATED -> DELIVERED;
            case RETRYING -> "RETRYING";
            case DEAD_LETTERED -> "DEAD_LETTERED";
            case SUPERSEDED -> "SUPERSEDED";
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
                outcome.error());
    }
}
