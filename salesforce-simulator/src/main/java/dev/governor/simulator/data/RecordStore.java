package dev.governor.simulator.data;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's records in memory, with an index on every External ID and unique field (matched without
 * regard to case, as Salesforce matches text external ids). Writers synchronise on the store while they
 * read-then-write.
 */
@ApplicationScoped
public class RecordStore {

    private final Map<String, StoredRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> index =
            new ConcurrentHashMap<>(); // "object.field" -> value -> ids
    private final RecordIds ids = new RecordIds();
    private final SimulatorClock clock;
    private final int historyLimit;

    public RecordStore(SimulatorClock clock, SimulatorConfig config) {
        this.clock = clock;
        this.historyLimit = config.org().historyPerRecord();
    }

    public Optional<StoredRecord> byId(String id) {
        if (id == null || id.length() < 15) {
            return Optional.empty();
        }
        StoredRecord record = byId.get(id.length() == 15 ? RecordIds.to18(id) : id);
        return Optional.ofNullable(record).filter(r -> !r.isDeleted());
    }

    /** Live records whose indexed field has the value. */
    public List<StoredRecord> byField(SObjectDefinition object, FieldDefinition field, Object value) {
        Set<String> matches =
                index.getOrDefault(indexName(object, field), Map.of()).get(normalise(field, value));
        if (matches == null) {
            return List.of();
        }
        List<StoredRecord> records = new ArrayList<>();
        for (String id : matches) {
            byId(id).ifPresent(records::add);
        }
        return records;
    }

    public StoredRecord create(SObjectDefinition object, Map<String, Object> values, String clientId) {
        StoredRecord record = new StoredRecord(ids.next(object.keyPrefix()), object.name(), clock.now(), historyLimit);
        byId.put(record.id(), record);
        apply(object, record, new WriteEvent("CREATED", clock.now(), clientId, values));
        return record;
    }

    public void update(SObjectDefinition object, StoredRecord record, Map<String, Object> values, String clientId) {
        apply(object, record, new WriteEvent("UPDATED", clock.now(), clientId, values));
    }

    public void delete(SObjectDefinition object, StoredRecord record, String clientId) {
        unindex(object, record);
        record.apply(new WriteEvent("DELETED", clock.now(), clientId, Map.of()));
    }

    public List<StoredRecord> all(SObjectDefinition object) {
        return all(object, false);
    }

    /** The object's records in id order; {@code includeDeleted} as queryAll sees them. */
    public List<StoredRecord> all(SObjectDefinition object, boolean includeDeleted) {
        return byId.values().stream()
                .filter(r -> r.sobject().equals(object.name()) && (includeDeleted || !r.isDeleted()))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    /** A new id without a stored record (Platform Event publish results). */
    public String newId(SObjectDefinition object) {
        return ids.next(object.keyPrefix());
    }

    /** The store's state, to restore if a transaction (composite with allOrNone) fails. */
    public record Snapshot(Map<String, StoredRecord> records) {}

    public synchronized Snapshot snapshot() {
        Map<String, StoredRecord> copy = new java.util.HashMap<>();
        byId.forEach((id, record) -> copy.put(id, record.copy()));
        return new Snapshot(copy);
    }

    /** Puts the records back as they were at the snapshot and rebuilds the indexes. */
    public synchronized void restore(Snapshot snapshot, OrgModel org) {
        byId.clear();
        index.clear();
        snapshot.records().forEach((id, record) -> {
            byId.put(id, record);
            if (!record.isDeleted()) {
                org.object(record.sobject()).ifPresent(object -> indexFields(object, record));
            }
        });
    }

    public void reset() {
        byId.clear();
        index.clear();
        ids.reset();
    }

    private void apply(SObjectDefinition object, StoredRecord record, WriteEvent write) {
        unindex(object, record);
        record.apply(write);
        indexFields(object, record);
    }

    private void indexFields(SObjectDefinition object, StoredRecord record) {
        for (FieldDefinition field : object.fields()) {
            Object value = record.field(field.name());
            if ((field.externalId() || field.unique()) && value != null) {
                index.computeIfAbsent(indexName(object, field), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(normalise(field, value), k -> ConcurrentHashMap.newKeySet())
                        .add(record.id());
            }
        }
    }

    private void unindex(SObjectDefinition object, StoredRecord record) {
        for (FieldDefinition field : object.fields()) {
            Object value = record.field(field.name());
            if ((field.externalId() || field.unique()) && value != null) {
                Set<String> matches =
                        index.getOrDefault(indexName(object, field), Map.of()).get(normalise(field, value));
                if (matches != null) {
                    matches.remove(record.id());
                }
            }
        }
    }

    private static String indexName(SObjectDefinition object, FieldDefinition field) {
        return object.name() + "." + field.name();
    }

    /** How the org compares values of an indexed field: without regard to case unless the field is case-sensitive. */
    private static String normalise(FieldDefinition field, Object value) {
        String text = String.valueOf(value);
        return field.caseSensitive() ? text : text.toLowerCase(Locale.ROOT);
    }
}
