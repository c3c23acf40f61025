package dev.governor.delivery.writing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pending writes of one Salesforce record, oldest version first, and their fold: the record as the
 * writes leave it when applied in order — each field holds the value of the newest write that names it.
 * Field names are compared without regard to case, as the org compares them.
 */
public record RecordVersions(String recordKey, List<PendingWrite> writes) {

    public RecordVersions {
        writes = writes.stream()
                .sorted(Comparator.comparingLong(PendingWrite::version))
                .toList();
    }

    /** The writes of a batch grouped by record, in the order each record first appears. */
    public static List<RecordVersions> of(List<PendingWrite> batch) {
        Map<String, List<PendingWrite>> byRecord = new LinkedHashMap<>();
        for (PendingWrite pending : batch) {
            byRecord.computeIfAbsent(pending.recordKey(), k -> new ArrayList<>())
                    .add(pending);
        }
        List<RecordVersions> records = new ArrayList<>(byRecord.size());
        byRecord.forEach((key, writes) -> records.add(new RecordVersions(key, writes)));
        return records;
    }

    public PendingWrite oldest() {
        return writes.get(0);
    }

    public PendingWrite newest() {
        return writes.get(writes.size() - 1);
    }

    /** The first write alone, and the rest: for writing versions one by one when their fold was refused. */
    public RecordVersions first() {
        return new RecordVersions(recordKey, List.of(oldest()));
    }

    public RecordVersions rest() {
        return new RecordVersions(recordKey, writes.subList(1, writes.size()));
    }

    /** One field of the fold: the org's name for it, its value and the version that set it. */
    public record FoldedField(String name, Object value, long version) {}

    /** The fold of all writes, by lower-case field name. */
    public Map<String, FoldedField> fold() {
        Map<String, FoldedField> fold = new LinkedHashMap<>();
        for (PendingWrite pending : writes) {
            pending.write()
                    .fields()
                    .forEach((name, value) ->
                            fold.put(name.toLowerCase(Locale.ROOT), new FoldedField(name, value, pending.version())));
        }
        return fold;
    }

    /**
     * The collection record to send: the fold without the fields in {@code skip} (lower-case), plus the external id.
     */
    public Map<String, Object> body(Set<String> skip) {
        Map<String, Object> body = new LinkedHashMap<>();
        fold().forEach((lower, field) -> {
            if (!skip.contains(lower)) {
                body.put(field.name(), field.value());
            }
        });
        body.put(newest().write().externalIdField(), newest().write().externalId());
        return body;
    }

    /** The version of each field the body carries, by lower-case name. */
    public Map<String, Long> fieldVersions(Set<String> skip) {
        Map<String, Long> versions = new LinkedHashMap<>();
        fold().forEach((lower, field) -> {
            if (!skip.contains(lower)) {
                versions.put(lower, field.version());
            }
        });
        return versions;
    }
}
