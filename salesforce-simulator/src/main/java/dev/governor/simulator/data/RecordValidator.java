package dev.governor.simulator.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.SObjectDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Salesforce's checks on a record body, in the two places Salesforce makes them: reading the JSON
 * (an unknown field or a value of the wrong JSON type refuses the whole request, as a top-level error)
 * and saving each record (required fields, lengths, picklists, references: a per-record error).
 */
public final class RecordValidator {

    private RecordValidator() {}

    /** Whether a record with this id exists (of the object a reference field points to, when it names one). */
    @FunctionalInterface
    public interface References {
        boolean exist(String id, String referenceTo);

        /** The records of a store. */
        static References of(RecordStore store) {
            return (id, referenceTo) -> store.byId(id)
                    .filter(r -> referenceTo == null || r.sobject().equalsIgnoreCase(referenceTo))
                    .isPresent();
        }
    }

    /**
     * The field values of a JSON record by declared field name, skipping {@code attributes} and the
     * names in {@code skip}. Throws the top-level error Salesforce answers for unknown fields and values
     * it cannot deserialize.
     */
    public static Map<String, Object> read(SObjectDefinition object, JsonNode record, Set<String> skip) {
        if (record == null || !record.isObject()) {
            throw ApiException.badRequest(
                    "JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + object.name() + " from "
                            + (record == null ? "null" : record.getNodeType()) + " value");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String name = entry.getKey();
            if ("attributes".equals(name) || skip.stream().anyMatch(name::equalsIgnoreCase)) {
                continue;
            }
            FieldDefinition field = object.field(name)
                    .orElseThrow(() -> ApiException.badRequest(
                            "INVALID_FIELD", "No such column '" + name + "' on sobject of type " + object.name()));
            values.put(field.name(), value(object, field, entry.getValue()));
        }
        return values;
    }

    /** The first save-time problem of the values, if any. {@code creating}: a new record (required fields apply). */
    public static Optional<ApiError> check(
            SObjectDefinition object, Map<String, Object> values, boolean creating, References references) {
        if (creating) {
            List<String> missing = new ArrayList<>();
            for (FieldDefinition field : object.fields()) {
                if (field.required() && isBlank(values.get(field.name()))) {
                    missing.add(field.name());
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(
                        new ApiError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing));
            }
        }
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDefinition field = object.field(entry.getKey()).orElseThrow();
            Object value = entry.getValue();
            if (value == null) {
                if (field.required()) {
                    return Optional.of(new ApiError(
                            "REQUIRED_FIELD_MISSING",
                            "Required fields are missing: [" + field.name() + "]",
                            List.of(field.name())));
                }
                continue;
            }
            Optional<ApiError> problem = checkValue(field, value, references);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<ApiError> checkValue(FieldDefinition field, Object value, References references) {
        if (value instanceof Number number) {
            return checkRange(field, number);
        }
        String text = String.valueOf(value);
        if (field.type().isText() && field.length() > 0 && text.length() > field.length()) {
            return Optional.of(ApiError.of(
                    "STRING_TOO_LONG",
                    field.name() + ": data value too large: " + abbreviate(text) + " (max length=" + field.length()
                            + ")",
                    field.name()));
        }
        if (field.type() == FieldType.EMAIL && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return Optional.of(ApiError.of(
                    "INVALID_EMAIL_ADDRESS", field.name() + ": invalid email address: " + text, field.name()));
        }
        if (field.type() == FieldType.PICKLIST
                && field.restricted()
                && !field.values().contains(text)) {
            return Optional.of(ApiError.of(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    field.name() + ": bad value for restricted picklist field: " + text,
                    field.name()));
        }
        if (field.type() == FieldType.REFERENCE || field.type() == FieldType.ID) {
            if (!RecordIds.wellFormed(text)) {
                return Optional.of(ApiError.of(
                        "MALFORMED_ID", field.name() + ": id value of incorrect type: " + text, field.name()));
            }
            if (!references.exist(text, field.referenceTo())) {
                return Optional.of(
                        ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()));
            }
        }
        return Optional.empty();
    }

    /**
     * A number with more digits before the decimal point than the field holds is refused per record, as Salesforce
     * does.
     */
    private static Optional<ApiError> checkRange(FieldDefinition field, Number number) {
        BigDecimal decimal = new BigDecimal(number.toString());
        BigDecimal whole = decimal.abs().setScale(0, RoundingMode.DOWN);
        int digits = whole.signum() == 0 ? 0 : whole.precision();
        if (field.integerDigits() > 0 && digits > field.integerDigits()) {
            return Optional.of(ApiError.of(
                    "NUMBER_OUTSIDE_VALID_RANGE",
                    field.name() + ": value outside of valid range on numeric field: "
                            + abbreviate(decimal.toPlainString()),
                    field.name()));
        }
        return Optional.empty();
    }

    private static Object value(SObjectDefinition object, FieldDefinition field, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        try {
            switch (field.type()) {
                case INT -> {
                    // Salesforce reads an int field into a 32-bit integer: anything else cannot be deserialized.
                    if (node.isIntegralNumber() && node.canConvertToInt()) {
                        return (long) node.intValue();
                    }
                    if (node.isTextual() && node.asText().matches("-?\\d{1,10}")) {
                        long parsed = Long.parseLong(node.asText());
                        if (parsed == (int) parsed) {
                            return parsed;
                        }
                    }
                }
                case DOUBLE -> {
                    BigDecimal number = decimal(node);
                    if (number != null) {
                        return number.setScale(field.scale(), RoundingMode.HALF_UP)
                                .doubleValue();
                    }
                }
                case BOOLEAN -> {
                    if (node.isBoolean()) {
                        return node.asBoolean();
                    }
                }
                case DATE -> {
                    if (node.isTextual()) {
                        return LocalDate.parse(node.asText()).toString();
                    }
                }
                case DATETIME -> {
                    if (node.isTextual()) {
                        return OffsetDateTime.parse(node.asText().replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"))
                                .toString();
                    }
                }
                default -> {
                    if (node.isValueNode()) {
                        return node.asText();
                    }
                }
            }
        } catch (DateTimeParseException e) {
            // falls through to the deserialization error below
        }
        throw ApiException.badRequest(
                "JSON_PARSER_ERROR",
                "Cannot deserialize instance of " + field.type().name().toLowerCase()
                        + " from " + node.getNodeType() + " value " + abbreviate(node.toString())
                        + " or request may be missing a required field"
                        + " (field " + field.name() + " on " + object.name() + ")");
    }

    /** A JSON number (or numeric text) that a double can hold; null for anything else (1e999 does not fit). */
    private static BigDecimal decimal(JsonNode node) {
        BigDecimal number = null;
        if (node.isDouble() || node.isFloat()) {
            number = Double.isFinite(node.doubleValue()) ? node.decimalValue() : null;
        } else if (node.isNumber()) {
            number = node.decimalValue();
        } else if (node.isTextual() && node.asText().matches("-?\\d{1,40}(\\.\\d{1,40})?")) {
            number = new BigDecimal(node.asText());
        }
        return number != null && Double.isFinite(number.doubleValue()) ? number : null;
    }

    private static boolean isBlank(Object value) {
        return value == null || String.valueOf(value).isBlank();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
