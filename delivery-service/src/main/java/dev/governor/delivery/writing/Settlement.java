package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;
import dev.governor.salesforce.error.SalesforceError;
import java.time.Instant;

/**
 * What became of one pending write: its outcome, which also says where the write goes next — nowhere
 * (written or superseded), a retry topic ({@code RETRYING}, with where and until when it waits) or the
 * dead-letter topic.
 */
public record Settlement(PendingWrite pending, RecordOutcome outcome, RetryAt retryAt) {

    /** Where a retrying write waits: the retry tier (index into the retry topics) and when it may be tried. */
    public record RetryAt(int tier, Instant notBefore) {}

    public Settlement {
        if (outcome.status() == RecordOutcome.Status.RETRYING && retryAt == null) {
            throw new IllegalArgumentException("A retrying write needs a place to wait");
        }
    }

    /** The settlement of {@code write} with this status; {@code error} is Salesforce's (or delivery's) reason. */
    static Settlement of(
            PendingWrite write,
            RecordOutcome.Status status,
            String salesforceId,
            int attempts,
            SalesforceError error,
            RetryAt retryAt) {
        RecordOutcome.Error reason =
                error == null ? null : new RecordOutcome.Error(error.code(), error.message(), error.fields());
        return new Settlement(
                write, new RecordOutcome(write.trackingId(), status, salesforceId, attempts, reason), retryAt);
    }

    public boolean deadLettered() {
        return outcome.status() == RecordOutcome.Status.DEAD_LETTERED;
    }

    public boolean retrying() {
        return outcome.status() == RecordOutcome.Status.RETRYING;
    }

    /** For a retrying write: the attempt it waits for. */
    public int nextAttempt() {
        return outcome.attempts() + 1;
    }
}
