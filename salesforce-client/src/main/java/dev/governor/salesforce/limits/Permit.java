package dev.governor.salesforce.limits;

import io.smallrye.mutiny.Uni;

/** The limit guard's consent for one API call; released when the call has answered. */
public interface Permit {

    /** Gives the concurrency slot back. Safe to call more than once. */
    Uni<Void> release();
}
