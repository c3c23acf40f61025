package dev.governor.archive.archiving;

/** Why an object was closed; a label of {@code governor_archive_objects_total}. */
public enum RollReason {
    /** It holds {@code roll.max-records}. */
    RECORDS,
    /** It holds {@code roll.max-bytes} of JSON. */
    BYTES,
    /** The next record's timestamp is in a later (or earlier) hour. */
    HOUR,
    /** It was open for {@code roll.max-open}. */
    OPEN_TIME,
    /** Memory was short ({@code upload.max-buffered}): the largest open object was closed early. */
    MEMORY,
    /** A copy already in S3 (written before a crash or a rebalance) ends here: the redo ends it alike. */
    EXISTING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
