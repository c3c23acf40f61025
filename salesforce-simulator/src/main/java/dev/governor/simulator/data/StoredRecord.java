package dev.governor.simulator.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A record in the simulated org: its current field values and every write that shaped them. */
public final class StoredRecord {

    private final String id;
    private final String sobject;
    private final Instant createdAt;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<WriteEvent> history = new ArrayList<>();
    private boolean deleted;

    StoredRecord(String id, String sobject, Instant createdAt) {
        this.id = id;
        this.sobject = sobject;
        this.createdAt = createdAt;
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

    public synchronized Map<String, Object> fields() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public synchronized Object field(String name) {
        return fields.get(name);
    }

    public synchronized List<WriteEvent> history() {
        return List.copyOf(history);
    }

    public synchronized boolean isDeleted() {
        return deleted;
    }

    /** A deep copy, for rolling a transaction back. */
    synchronized StoredRecord copy() {
        StoredRecord copy = new StoredRecord(id, sobject, createdAt);
        copy.fields.putAll(fields);
        copy.history.addAll(history);
        copy.deleted = deleted;
        return copy;
    }

    synchronized void apply(WriteEvent write) {
        if ("DELETED".equals(write.operation())) {
            deleted = true;
        } else {
            fields.putAll(write.fields());
        }
        history.add(write);
    }
}
