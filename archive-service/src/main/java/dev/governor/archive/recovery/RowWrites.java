package dev.governor.archive.recovery;

import dev.governor.common.record.RecordWrite;
import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a snapshot's CSV row into the record write that puts the record back: an upsert by its External ID
 * field of every field the org lets a write set, with values typed as the org describes them (CSV holds
 * only text), an empty value clearing a field that may be empty, and a reference to a record restored
 * earlier pointing at that record's new Id. Pure.
 */
final class RowWrites {

    /** Exported with every snapshot, never written: the org sets them. */
    private static final Set<String> SYSTEM_FIELDS = Set.of("id", "systemmodstamp", "isdeleted");

    /** The write that restores a row, or why the row cannot be restored. */
    sealed interface Result {
        String oldId();
    }

    record Write(String oldId, RecordWrite write) implements Result {}

    record Skipped(String oldId, String reason) implements Result {}

    private final ObjectSchema schema;
    private final FieldSchema externalIdField;
    private final Map<String, String> newIds;

    /**
     * @param newIds the Ids records restored so far have now, by their Id in the snapshot; read as rows are
     *     turned, so it may grow between them
     */
    RowWrites(ObjectSchema schema, FieldSchema externalIdField, Map<String, String> newIds) {
        this.schema = schema;
        this.externalIdField = externalIdField;
        this.newIds = newIds;
    }

    /** A row as a map from field name (any letter case) to its CSV text. */
    static Map<String, String> row(List<String> header, List<String> values) {
        Map<String, String> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), i < values.size() ? values.get(i) : "");
        }
        return row;
    }

    Result of(Map<String, String> row) {
        String oldId = row.getOrDefault("Id", "");
        String externalId = row.getOrDefault(externalIdField.name(), "");
        if (externalId.isEmpty()) {
            return new Skipped(oldId, "no value in " + externalIdField.name() + " to upsert it by");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> value : row.entrySet()) {
            String name = value.getKey().toLowerCase(Locale.ROOT);
            if (SYSTEM_FIELDS.contains(name) || name.equalsIgnoreCase(externalIdField.name())) {
                continue;
            }
            FieldSchema field = schema.field(name).orElse(null);
            if (field == null || !field.writable()) {
                continue; // gone from the org since, or set by the org (formula, system field)
            }
            if (value.getValue().isEmpty()) {
                if (field.nillable()) {
                    fields.put(field.name(), null);
                }
                continue;
            }
            fields.put(field.name(), typed(field, value.getValue()));
        }
        return new Write(
                oldId,
                new RecordWrite(
                        schema.name(), externalIdField.name(), externalId, fields, externalIdField.caseSensitive()));
    }

    private Object typed(FieldSchema field, String text) {
        try {
            return switch (field.type().toLowerCase(Locale.ROOT)) {
                case "int" -> new BigDecimal(text).toBigIntegerExact();
                case "double", "currency", "percent" -> new BigDecimal(text);
                case "boolean" -> Boolean.parseBoolean(text);
                case "reference" -> newIds.getOrDefault(text, text);
                default -> text;
            };
        } catch (ArithmeticException | NumberFormatException e) {
            return text; // the org will say what is wrong with it, and the restore's report will show it
        }
    }
}
