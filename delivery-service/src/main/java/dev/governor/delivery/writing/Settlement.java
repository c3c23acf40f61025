package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;

/**
 * What became of one pending write: its outcome, which also says where the write goes next — nowhere
 * (written or superseded), a retry topic ({@code RETRYING}) or the dead-letter topic.
 */
public record Settlement(PendingWrite write, RecordOutcome outcome) {

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
