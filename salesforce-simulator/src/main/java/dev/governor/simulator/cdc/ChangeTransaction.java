package dev.governor.simulator.cdc;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of one transaction: one API call, or a whole composite request. Its change events share
 * one {@code transactionKey} and are numbered by {@code sequenceNumber} in commit order; they are
 * published only when it commits, so a rolled-back composite emits nothing.
 */
public final class ChangeTransaction {

    private final ChangeAuthor author;
    private final boolean endsWithCall;
    private final List<RecordChange> changes = new ArrayList<>();

    private ChangeTransaction(ChangeAuthor author, boolean endsWithCall) {
        this.author = author;
        this.endsWithCall = endsWithCall;
    }

    /** A transaction that the write call it is handed to commits when it returns. */
    public static ChangeTransaction ofOneCall(ChangeAuthor author) {
        return new ChangeTransaction(author, true);
    }

    /** A transaction over several calls (a composite request), committed by whoever opened it. */
    public static ChangeTransaction spanningCalls(ChangeAuthor author) {
        return new ChangeTransaction(author, false);
    }

    public ChangeAuthor author() {
        return author;
    }

    /** Whether the write call commits it (true), or the caller that opened it does. */
    public boolean endsWithCall() {
        return endsWithCall;
    }

    public synchronized void add(RecordChange change) {
        changes.add(change);
    }

    public synchronized List<RecordChange> changes() {
        return List.copyOf(changes);
    }

    /** Forgets every change, for a transaction rolled back. */
    public synchronized void discard() {
        changes.clear();
    }
}
