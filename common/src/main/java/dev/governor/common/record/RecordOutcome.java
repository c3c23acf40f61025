package dev.governor.common.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What became of one accepted record write, as delivery publishes it on
 * {@link dev.governor.common.topic.Topics#OUTCOMES} (CloudEvent type {@link #TYPE}); the ingress keeps
 * request status from it.
 *
 * @param trackingId   the write's tracking id (the CloudEvent id of the record envelope)
 * @param status       what happened
 * @param salesforceId the record's Salesforce id, once written
 * @param attempts     delivery attempts so far
 * @param error        the Salesforce error, when the write failed
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordOutcome(String trackingId, Status status, String salesforceId, Integer attempts, Error error) {

    /** CloudEvent type of an outcome. */
    public static final String TYPE = "dev.governor.record.outcome.v1";

    public enum Status {
        /** Written to Salesforce as a new record. */
        CREATED,
        /** Written to Salesforce over an existing record. */
        UPDATED,
        /** A transient failure; delivery will try again. */
        RETRYING,
        /** A permanent failure, or attempts ran out: the write is on the dead-letter topic. */
        DEAD_LETTERED,
        /**
         * Not written because a newer version of the same record was written first (this one waited
         * in a retry topic or was replayed late); Salesforce holds the newer data.
         */
        SUPERSEDED
    }

    /** A Salesforce error as a per-record result reports it. */
    @RegisterForReflection
    public record Error(String statusCode, String message, List<String> fields) {}
}
