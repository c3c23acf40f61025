package dev.governor.service.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How many dead letters (or dead events) wait for a replay, for a figure on the console without listing
 * them: counting stops at {@link #CAP}, and {@code capped} says there may be more.
 */
@RegisterForReflection
public record NotReplayedCount(long count, boolean capped) {

    /** Enough for any figure an operator acts on; bounds the read of a long dead-letter topic. */
    public static final long CAP = 10_000;

    public static NotReplayedCount of(long counted) {
        return new NotReplayedCount(Math.min(counted, CAP), counted >= CAP);
    }
}
