package dev.governor.delivery.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One write on the dead-letter topic, as the admin API lists it.
 *
 * @param id           {@code partition-offset} on the dead-letter topic; what a replay names
 * @param trackingId   the write's tracking id (the caller's status resource)
 * @param sobject      the object
 * @param externalIdField the External ID field
 * @param externalId   the record's external id
 * @param record       the field values the write set, as the caller sent them
 * @param errorCode    the Salesforce error code (or TRANSIENT_FAILURE when attempts ran out on a failed call)
 * @param reason       code and message
 * @param fields       the fields the error names
 * @param attempts     attempts made
 * @param deadLetteredAt when it was dead-lettered
 * @param replayed     whether an operator has replayed it already
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String id,
        String trackingId,
        String sobject,
        String externalIdField,
        String externalId,
        Map<String, Object> record,
        String errorCode,
        String reason,
        List<String> fields,
        Integer attempts,
        Instant deadLetteredAt,
        boolean replayed) {}
