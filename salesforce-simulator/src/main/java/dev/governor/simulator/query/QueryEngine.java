package dev.governor.simulator.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.query.SoqlQuery.Condition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Runs a {@link SoqlQuery} over the org's records and renders them as the query API does. */
@ApplicationScoped
public class QueryEngine {

    private final OrgModel org;
    private final RecordStore store;
    private final ObjectMapper json;

    public QueryEngine(OrgModel org, RecordStore store, ObjectMapper json) {
        this.org = org;
        this.store = store;
        this.json = json;
    }

    /** The matching records, in order, with the selected fields. {@code includeDeleted}: queryAll. */
    public List<ObjectNode> run(SoqlQuery query, String version, boolean includeDeleted) {
        SObjectDefinition object = org.object(query.object())
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_TYPE",
                        "sObject type '" + query.object()
                                + "' is not supported. If you are attempting to use a custom object, be sure "
                                + "to append the '__c' after the entity name."));
        List<String> fields = new ArrayList<>();
        for (String field : query.fields()) {
            fields.add(fieldName(object, field));
        }
        Predicate<StoredRecord> matches = r -> true;
        for (Condition condition : query.where()) {
            String field = fieldName(object, condition.field());
            matches = matches.and(r -> satisfies(value(r, field), condition));
        }
        List<StoredRecord> records = new ArrayList<>(
                store.all(object, includeDeleted).stream().filter(matches).toList());
        if (query.orderBy() != null) {
            String field = fieldName(object, query.orderBy());
            Comparator<StoredRecord> order = Comparator.comparing(
                    r -> sortKey(value(r, field)), Comparator.nullsFirst(Comparator.naturalOrder()));
            records.sort(query.descending() ? order.reversed() : order);
        }
        if (query.limit() != null && records.size() > query.limit()) {
            records = records.subList(0, query.limit());
        }
        List<ObjectNode> rendered = new ArrayList<>(records.size());
        for (StoredRecord record : records) {
            ObjectNode node = json.createObjectNode();
            node.putObject("attributes")
                    .put("type", record.sobject())
                    .put("url", "/services/data/v" + version + "/sobjects/" + record.sobject() + "/" + record.id());
            for (String field : fields) {
                node.set(field, json.valueToTree(value(record, field)));
            }
            rendered.add(node);
        }
        return rendered;
    }

    private static String fieldName(SObjectDefinition object, String field) {
        if (field.equalsIgnoreCase("Id")) {
            return "Id";
        }
        return object.field(field)
                .map(FieldDefinition::name)
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_FIELD",
                        "No such column '" + field + "' on entity '" + object.name()
                                + "'. If you are attempting to use a custom field, "
                                + "be sure to append the '__c' after the custom field name."));
    }

    private static Object value(StoredRecord record, String field) {
        return "Id".equals(field) ? record.id() : record.field(field);
    }

    private static boolean satisfies(Object actual, Condition condition) {
        boolean anyEqual = condition.values().stream().anyMatch(expected -> sameValue(actual, expected));
        return switch (condition.operator()) {
            case EQUALS, IN -> anyEqual;
            case NOT_EQUALS -> !anyEqual;
        };
    }

    /** SOQL compares text without regard to case, and numbers by value. */
    private static boolean sameValue(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        return String.valueOf(actual)
                .toLowerCase(Locale.ROOT)
                .equals(String.valueOf(expected).toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Comparable sortKey(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value instanceof Comparable c && !(value instanceof String)
                ? c
                : String.valueOf(value).toLowerCase(Locale.ROOT);
    }
}
