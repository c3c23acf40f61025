package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;

/** How one pending write ended: its outcome, and whether it goes to the dead-letter topic. */
public record Settlement(PendingWrite write, RecordOutcome outcome) {

    public boolean deadLettered() {
        return outcome.status() == RecordOutcome.Status.DEAD_LETTERED;
    }
}
