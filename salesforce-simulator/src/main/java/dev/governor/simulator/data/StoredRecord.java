package dev.governor.simulator.data;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record in the simulated org: its current field values, how many times it was created and updated,
 * and its most recent writes (a bounded history, so a long benchmark cannot exhaust the heap).
 */
public final class StoredRecord {

    private final String id;
    private final String sobject;
    private final Instant createdAt;
    private Instant lastModifiedAt;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final ArrayDeque<WriteEvent> history = new ArrayDeque<>();
    private final int historyLimit;
    private long creates;
    private long updates;
    private boolean deleted;

    StoredRecord(String id, String sobject, Instant createdAt, int historyLimit) {
        this.id = id;
        this.sobject = sobject;
        this.createdAt = createdAt;
        this.lastModifiedAt = createdAt;
        this.historyLimit = historyLimit;
    }

    public String id() {
        return id;
    }

    public String sobject() {
        return sobject;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When any write last changed it (its {@code LastModifiedDate} and {@code SystemModstamp}). */
    public synchronized Instant lastModifiedAt() {
        return lastModifiedAt;
    }

    public synchronized Map<String, Object> fields() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public synchronized Object field(String name) {
        return fields.get(name);
    }

    public synchronized List<WriteEvent> history() {
        return List.copyOf(history);
    }

    public synchronized long creates() {
        return creates;
    }

    public synchronized long updates() {
        return updates;
    }

    public synchronized boolean isDeleted() {
        return deleted;
    }

    /** A deep copy, for rolling a transaction back. */
    synchronized StoredRecord copy() {
        StoredRecord copy = new StoredRecord(id, sobject, createdAt, historyLimit);
        copy.fields.putAll(fields);
        copy.history.addAll(history);
        copy.creates = creates;
        copy.updates = updates;
        copy.deleted = deleted;
        copy.lastModifiedAt = lastModifiedAt;
        return copy;
    }

    synchronized void apply(WriteEvent write) {
        switch (write.operation()) {
            case "DELETED" -> deleted = true;
            case "CREATED" -> creates++;
            default -> updates++;
        }
        if (!deleted) {
            fields.putAll(write.fields());
        }
        lastModifiedAt = write.at();
        history.addLast(write);
        while (history.size() > historyLimit) {
            history.removeFirst();
        }
    }
}
