package dev.governor.delivery.ordering;

import java.util.Set;

/**
 * What the {@link WriteSequencer} says about writing a record's pending versions now.
 *
 * @param kind        the answer
 * @param skip        for {@code WRITE}: fields (lower-case) a newer version already wrote, to leave out
 * @param behindTier  for {@code BEHIND}: the retry tier the earlier version waits in
 * @param behindUntil for {@code BEHIND}: when it is due (epoch milliseconds)
 */
public record WriteTurn(Kind kind, Set<String> skip, int behindTier, long behindUntil) {

    public enum Kind {
        /** Write them, leaving out {@code skip}. */
        WRITE,
        /** Do not write them: every field they set was since written by newer versions (or by them, before). */
        SUPERSEDED,
        /** Not now: another version of the record is being written; try again shortly. */
        BUSY,
        /** Not yet: an earlier version waits in a retry topic, and later ones must not overtake it. */
        BEHIND
    }

    public static WriteTurn of(Kind kind) {
        return new WriteTurn(kind, Set.of(), 0, 0);
    }
}
