package dev.governor.ingress.intake;

import dev.governor.common.record.RecordWrite;
import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a record write against the object as the org describes it, the way Salesforce would check it,
 * so a caller learns at once what Salesforce would refuse later: fields the object does not have or that
 * cannot be written, values of the wrong type, numbers outside the field's range, text over its length,
 * values a restricted picklist does not allow. A write that passes comes back in the org's spelling
 * (object, External ID field and field names) with the External ID field's case sensitivity, so that
 * every write to one record has one identity.
 */
public final class SchemaCheck {

    private static final Set<String> TEXT_TYPES = Set.of(
            "string", "textarea", "email", "url", "phone", "picklist", "multipicklist", "combobox", "encryptedstring");
    private static final Set<String> DECIMAL_TYPES = Set.of("double", "currency", "percent");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}|[a-zA-Z0-9]{18}");
    /** The words of an error about a field the description lacks, which {@link #onlyUnknownFields} looks for. */
    private static final String NO_SUCH_FIELD = " has no field named ";

    private static final Pattern NUMERIC_TEXT = Pattern.compile("-?\\d{1,40}(\\.\\d{1,40})?");

    private SchemaCheck() {}

    /** The write in the org's terms, or why the org would refuse it ({@code pointer} locates the record). */
    public static RecordRequestReader.Result check(ObjectSchema schema, RecordWrite write, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        Optional<FieldSchema> idField = schema.field(write.externalIdField());
        String externalIdField = write.externalIdField();
        boolean caseSensitive = false;
        if (idField.isEmpty() || !(idField.get().externalId() || idField.get().idLookup())) {
            errors.add(new FieldError(
                    pointer + "/externalIdField",
                    idField.isEmpty()
                            ? noSuchField(schema, write.externalIdField())
                            : idField.get().name() + " is not an External ID field of " + schema.name()));
        } else {
            externalIdField = idField.get().name();
            caseSensitive = idField.get().caseSensitive();
            if (idField.get().length() > 0
                    && write.externalId().length() > idField.get().length()) {
                errors.add(new FieldError(
                        pointer + "/externalId", "longer than " + idField.get().length() + " characters"));
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        write.fields().forEach((name, value) -> {
            String at = pointer + "/fields/" + name.replace("~", "~0").replace("/", "~1");
            Optional<FieldSchema> field = schema.field(name);
            if (field.isEmpty()) {
                errors.add(new FieldError(at, noSuchField(schema, name)));
                return;
            }
            problem(field.get(), value)
                    .ifPresentOrElse(
                            p -> errors.add(new FieldError(at, p)),
                            () -> fields.put(field.get().name(), value));
        });
        if (!errors.isEmpty()) {
            return new RecordRequestReader.Result(null, errors);
        }
        return new RecordRequestReader.Result(
                new RecordWrite(schema.name(), externalIdField, write.externalId(), fields, caseSensitive), List.of());
    }

    /** Whether every error is about a field the org's description lacks (a newer description may have it). */
    public static boolean onlyUnknownFields(List<FieldError> errors) {
        return !errors.isEmpty() && errors.stream().allMatch(e -> e.message().contains(NO_SUCH_FIELD));
    }

    private static String noSuchField(ObjectSchema schema, String name) {
        return "the org's " + schema.name() + NO_SUCH_FIELD + name;
    }

    /** Why the org would refuse this value for this field, if it would. */
    static Optional<String> problem(FieldSchema field, Object value) {
        if (!field.writable()) {
            return Optional.of("is read-only in the org");
        }
        if (value == null) {
            return field.nillable() || "boolean".equals(field.type())
                    ? Optional.empty()
                    : Optional.of("is required and cannot be cleared");
        }
        String type = field.type();
        if (TEXT_TYPES.contains(type)) {
            return text(field, value);
        }
        if ("int".equals(type)) {
            return integer(field, value);
        }
        if (DECIMAL_TYPES.contains(type)) {
            return decimal(field, value);
        }
        return switch (type) {
            case "boolean" -> value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false");
            case "date" -> temporal(value, true);
            case "datetime" -> temporal(value, false);
            case "reference", "id" ->
                value instanceof String s && RECORD_ID.matcher(s).matches()
                        ? Optional.empty()
                        : Optional.of("must be a 15- or 18-character record id");
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(FieldSchema field, Object value) {
        String text = String.valueOf(value);
        if (field.length() > 0 && text.length() > field.length()) {
            return Optional.of("longer than " + field.length() + " characters");
        }
        if ("email".equals(field.type()) && !EMAIL.matcher(text).matches()) {
            return Optional.of("not an email address");
        }
        if (field.restrictedPicklist()) {
            List<String> chosen = "multipicklist".equals(field.type()) ? List.of(text.split(";")) : List.of(text);
            for (String one : chosen) {
                if (!field.picklistValues().contains(one)) {
                    return Optional.of("'" + abbreviate(one) + "' is not a value of this restricted picklist");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> integer(FieldSchema field, Object value) {
        BigInteger number;
        if (value instanceof Long || value instanceof BigInteger) {
            number = new BigInteger(value.toString());
        } else if (value instanceof String s && s.matches("-?\\d{1,20}")) {
            number = new BigInteger(s);
        } else {
            return Optional.of("must be a whole number");
        }
        if (number.bitLength() > 31) {
            return Optional.of("outside the range of a whole-number field");
        }
        if (field.digits() > 0 && number.abs().toString().length() > field.digits()) {
            return Optional.of("more than " + field.digits() + " digits");
        }
        return Optional.empty();
    }

    private static Optional<String> decimal(FieldSchema field, Object value) {
        BigDecimal number;
        if (value instanceof BigDecimal d) {
            number = d;
        } else if (value instanceof Long || value instanceof BigInteger) {
            number = new BigDecimal(value.toString());
        } else if (value instanceof String s && NUMERIC_TEXT.matcher(s).matches()) {
            number = new BigDecimal(s);
        } else {
            return Optional.of("must be a number");
        }
        int wholeDigits = Math.max(0, number.precision() - number.scale());
        int allowed = field.precision() - field.scale();
        if (field.precision() > 0 && wholeDigits > allowed) {
            return Optional.of("more than " + allowed + " digits before the decimal point");
        }
        return Optional.empty();
    }

    private static Optional<String> temporal(Object value, boolean dateOnly) {
        if (value instanceof String s) {
            try {
                if (dateOnly) {
                    LocalDate.parse(s);
                } else {
                    OffsetDateTime.parse(s.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"));
                }
                return Optional.empty();
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        return Optional.of(
                dateOnly ? "must be a date (YYYY-MM-DD)" : "must be a date and time (ISO 8601 with an offset)");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
