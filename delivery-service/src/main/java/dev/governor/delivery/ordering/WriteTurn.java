package dev.governor.delivery.ordering;

/** What the {@link WriteSequencer} says about writing one version of a record now. */
public enum WriteTurn {
    /** Write it: no newer version was written, and no other version is being written. */
    WRITE,
    /** Do not write it: a newer version of the record is already in Salesforce. */
    SUPERSEDED,
    /** Not now: another version of the record is being written; try again later. */
    BUSY
}
