package dev.governor.simulator.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.data.RecordStore;
import dev.governor.simulator.data.StoredRecord;
import dev.governor.simulator.data.SystemFields;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.query.SoqlQuery.Condition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Runs a {@link SoqlQuery} over the org's records and renders them as the query API does. */
@ApplicationScoped
public class QueryEngine {

    private final OrgModel org;
    private final RecordStore store;
    private final ObjectMapper json;
    private final SimulatorClock clock;

    public QueryEngine(OrgModel org, RecordStore store, ObjectMapper json, SimulatorClock clock) {
        this.org = org;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** What a query selects: its columns in SELECT order (API spelling) and the matching records, in order. */
    public record Selection(SObjectDefinition object, List<String> columns, List<StoredRecord> records) {}

    /** The matching records, in order, with the selected fields. {@code includeDeleted}: queryAll. */
    public List<ObjectNode> run(SoqlQuery query, String version, boolean includeDeleted) {
        Selection selection = select(query, includeDeleted);
        List<ObjectNode> rendered = new ArrayList<>(selection.records().size());
        for (StoredRecord record : selection.records()) {
            rendered.add(render(record, selection.columns(), version));
        }
        return rendered;
    }

    /** A record as the query API writes it; a path column becomes a nested parent record (or null). */
    private ObjectNode render(StoredRecord record, List<String> columns, String version) {
        ObjectNode node = json.createObjectNode();
        node.putObject("attributes")
                .put("type", record.sobject())
                .put("url", "/services/data/v" + version + "/sobjects/" + record.sobject() + "/" + record.id());
        java.util.Map<String, List<String>> parents = new java.util.LinkedHashMap<>();
        for (String column : columns) {
            int dot = column.indexOf('.');
            if (dot < 0) {
                node.set(column, json.valueToTree(valueOf(record, column)));
            } else {
                parents.computeIfAbsent(column.substring(0, dot), r -> new ArrayList<>())
                        .add(column.substring(dot + 1));
            }
        }
        SObjectDefinition object = org.object(record.sobject()).orElseThrow();
        parents.forEach((relationship, parentColumns) -> {
            Optional<StoredRecord> parent = parent(object, record, relationship);
            node.set(relationship, parent.isPresent() ? render(parent.get(), parentColumns, version) : json.nullNode());
        });
        return node;
    }

    /** Runs the query: its columns and matching records. {@code includeDeleted}: queryAll. */
    public Selection select(SoqlQuery query, boolean includeDeleted) {
        SObjectDefinition object = org.object(query.object())
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_TYPE",
                        "sObject type '" + query.object()
                                + "' is not supported. If you are attempting to use a custom object, be sure "
                                + "to append the '__c' after the entity name."));
        List<String> fields = new ArrayList<>();
        for (String field : query.fields()) {
            fields.add(column(object, field));
        }
        Predicate<StoredRecord> matches = r -> true;
        for (Condition condition : query.where()) {
            String field = column(object, condition.field());
            Condition resolved = resolveDates(condition);
            matches = matches.and(r -> satisfies(valueOf(r, field), resolved));
        }
        List<StoredRecord> records = new ArrayList<>(
                store.all(object, includeDeleted).stream().filter(matches).toList());
        if (query.orderBy() != null) {
            String field = column(object, query.orderBy());
            Comparator<StoredRecord> order = Comparator.comparing(
                    r -> sortKey(valueOf(r, field)), Comparator.nullsFirst(Comparator.naturalOrder()));
            records.sort(query.descending() ? order.reversed() : order);
        }
        if (query.limit() != null && records.size() > query.limit()) {
            records = records.subList(0, query.limit());
        }
        return new Selection(object, List.copyOf(fields), List.copyOf(records));
    }

    /**
     * A column as the org spells it: a field of the object, {@code Id}, a system field, or a path through
     * a reference field's relationship name ({@code account.name} on Contact → {@code Account.Name}).
     */
    public String column(SObjectDefinition object, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return fieldName(object, path);
        }
        FieldDefinition reference = relationship(object, path.substring(0, dot))
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_FIELD",
                        "Didn't understand relationship '" + path.substring(0, dot) + "' in field path. If you are "
                                + "attempting to use a custom relationship, be sure to append the '__r' after the "
                                + "custom relationship name."));
        SObjectDefinition parent = org.object(reference.referenceTo()).orElseThrow();
        return reference.relationshipName() + "." + column(parent, path.substring(dot + 1));
    }

    /** A column's value of a record: a field, a system field, or a parent's through a path (null without a parent). */
    public Object valueOf(StoredRecord record, String column) {
        int dot = column.indexOf('.');
        if (dot < 0) {
            return plainValue(record, column);
        }
        SObjectDefinition object = org.object(record.sobject()).orElseThrow();
        return parent(object, record, column.substring(0, dot))
                .map(parent -> valueOf(parent, column.substring(dot + 1)))
                .orElse(null);
    }

    private Optional<FieldDefinition> relationship(SObjectDefinition object, String name) {
        return object.fields().stream()
                .filter(f -> f.type() == FieldType.REFERENCE && f.referenceTo() != null)
                .filter(f -> f.relationshipName().equalsIgnoreCase(name))
                .findFirst();
    }

    private Optional<StoredRecord> parent(SObjectDefinition object, StoredRecord record, String relationship) {
        return relationship(object, relationship)
                .map(reference -> record.field(reference.name()))
                .flatMap(id -> store.byId(String.valueOf(id)));
    }

    /** A condition with its relative date literals resolved against the org's clock, as ranges of time. */
    private Condition resolveDates(Condition condition) {
        List<Object> values = new ArrayList<>(condition.values().size());
        for (Object value : condition.values()) {
            values.add(value instanceof SoqlQuery.RelativeDate relative ? DateRange.of(relative, clock.now()) : value);
        }
        return new Condition(condition.field(), condition.operator(), values);
    }

    private static String fieldName(SObjectDefinition object, String field) {
        if (field.equalsIgnoreCase("Id")) {
            return "Id";
        }
        Optional<String> system = SystemFields.named(field);
        if (system.isPresent()) {
            return system.get();
        }
        return object.field(field)
                .map(FieldDefinition::name)
                .orElseThrow(() -> ApiException.badRequest(
                        "INVALID_FIELD",
                        "No such column '" + field + "' on entity '" + object.name()
                                + "'. If you are attempting to use a custom field, "
                                + "be sure to append the '__c' after the custom field name."));
    }

    private static Object plainValue(StoredRecord record, String field) {
        if ("Id".equals(field)) {
            return record.id();
        }
        return SystemFields.named(field).isPresent() ? SystemFields.value(record, field) : record.field(field);
    }

    static boolean satisfies(Object actual, Condition condition) {
        Object expected = condition.values().get(0);
        return switch (condition.operator()) {
            case EQUALS -> sameValue(actual, expected);
            case IN -> condition.values().stream().anyMatch(e -> sameValue(actual, e));
            case NOT_IN -> condition.values().stream().noneMatch(e -> sameValue(actual, e));
            case NOT_EQUALS -> !sameValue(actual, expected);
            case LESS -> compare(actual, expected).filter(c -> c < 0).isPresent();
            case LESS_OR_EQUAL -> compare(actual, expected).filter(c -> c <= 0).isPresent();
            case GREATER -> compare(actual, expected).filter(c -> c > 0).isPresent();
            case GREATER_OR_EQUAL ->
                compare(actual, expected).filter(c -> c >= 0).isPresent();
            case LIKE -> actual != null && like(String.valueOf(actual), (String) expected);
        };
    }

    /**
     * How the field's value orders against the literal: numbers by value, date-times as instants, dates by
     * day, text without regard to case. Empty when they cannot be ordered (a null value, a literal of
     * another kind): such a record matches no comparison, as in SOQL.
     */
    private static Optional<Integer> compare(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return Optional.empty();
        }
        if (expected instanceof DateRange range) {
            return instant(actual)
                    .or(() -> date(actual)
                            .map(d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                    .map(range::compare);
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return Optional.of(Double.compare(a.doubleValue(), e.doubleValue()));
        }
        if (expected instanceof Instant e) {
            return instant(actual).map(a -> a.compareTo(e));
        }
        if (expected instanceof LocalDate e) {
            return date(actual).map(a -> a.compareTo(e));
        }
        if (expected instanceof String e && !(actual instanceof Number) && !(actual instanceof Boolean)) {
            return Optional.of(String.valueOf(actual).toLowerCase(Locale.ROOT).compareTo(e.toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    /** A date-time value as the org stores and writes it ({@code 2026-12-01T10:00:00.000+0000}). */
    private static Optional<Instant> instant(Object value) {
        try {
            return Optional.of(SystemFields.DATE_TIME.parse(String.valueOf(value), Instant::from));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(String.valueOf(value)));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    /** A date value ({@code 2026-12-01}), or the day of a date-time. */
    private static Optional<LocalDate> date(Object value) {
        String text = String.valueOf(value);
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** SOQL's LIKE: {@code %} any run of characters, {@code _} one, without regard to case. */
    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(value)
                .matches();
    }

    /** SOQL compares text without regard to case, and numbers by value. */
    private static boolean sameValue(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == null && expected == null;
        }
        if (actual instanceof Number a && expected instanceof Number e) {
            return a.doubleValue() == e.doubleValue();
        }
        if (expected instanceof Instant || expected instanceof LocalDate || expected instanceof DateRange) {
            return compare(actual, expected).filter(c -> c == 0).isPresent();
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
