package dev.governor.archive.archiving;

import dev.governor.archive.format.ArchiveKey;
import java.time.Duration;

/**
 * When an object ends. Before a record: when the record is in another hour than the object's. After one:
 * when the object holds its maximum of records or JSON bytes. And at any time once it has been open for
 * {@code max-open}. Pure: the archiver asks, this answers.
 */
final class RollPolicy {

    private final long maxRecords;
    private final long maxBytes;
    private final long maxOpenNanos;

    RollPolicy(long maxRecords, long maxBytes, Duration maxOpen) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.maxOpenNanos = maxOpen.toNanos();
    }

    static RollPolicy of(ArchiveConfig.Roll roll) {
        return new RollPolicy(roll.maxRecords(), roll.maxBytes().asLongValue(), roll.maxOpen());
    }

    /** Why the object must end before a record with this timestamp joins it, or null. */
    RollReason before(OpenObject object, long timestamp) {
        return ArchiveKey.hourOf(timestamp).equals(object.hour()) ? null : RollReason.HOUR;
    }

    /** Why the object must end now that it has taken its latest record, or null. */
    RollReason after(OpenObject object) {
        if (object.records() >= maxRecords) {
            return RollReason.RECORDS;
        }
        if (object.jsonBytes() >= maxBytes) {
            return RollReason.BYTES;
        }
        return null;
    }

    /** Whether the object has been open long enough to end whatever comes next. */
    boolean openTooLong(OpenObject object, long nowNanos) {
        return nowNanos - object.openedAtNanos() >= maxOpenNanos;
    }
}
