package dev.governor.ingress.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.problem.ProblemType;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request bodies into record writes, refusing anything that is not exactly that: malformed or
 * deeply nested JSON, duplicate members, unknown members, invalid API names, non-scalar field values,
 * oversized values. Errors carry JSON pointers so a caller can fix its request.
 */
@ApplicationScoped
public class RecordRequestReader {

    static final int MAX_NESTING = 16;
    static final int MAX_VALUE_LENGTH = 131_072;
    static final int MAX_EXTERNAL_ID_LENGTH = 255;
    private static final Set<String> RECORD_MEMBERS = Set.of("externalIdField", "externalId", "fields");
    /** Salesforce's own member of a record in a collection: a field of that name would replace it. */
    private static final String RESERVED_MEMBER = "attributes";

    private final ObjectMapper json;
    private final IngressConfig config;

    public RecordRequestReader(IngressConfig config) {
        this.config = config;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxNumberLength(64)
                        .maxStringLength(2 * MAX_VALUE_LENGTH)
                        .build())
                .build();
        this.json = new ObjectMapper(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Exact decimals: a double would turn 1e999 into Infinity and 0.1 into 0.1000000000000000055….
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** Parses a JSON body; anything that is not well-formed JSON within the limits is 400 malformed-request. */
    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("The request body is empty");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw malformed("The body is not well-formed JSON: " + shortMessage(e));
        } catch (RuntimeException e) {
            // A number Jackson cannot represent (an exponent past an int, say) surfaces as a runtime exception.
            throw malformed("The body holds a value that cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private static Refusal malformed(String detail) {
        return Refusal.rejected("malformed", ProblemType.MALFORMED_REQUEST, detail);
    }

    /** The record of a single-record request; {@code key} is its Idempotency-Key. */
    public RecordWrite readOne(String sobject, JsonNode node, String key) {
        Result result = read(sobject, node, "", key);
        if (!result.ok()) {
            throw Refusal.invalid("invalid_record", "The record is not valid", result.errors());
        }
        return result.write();
    }

    /**
     * The records of a batch request, {@code {"records": [ … ]}}: all of them, or a refusal that lists every
     * error. Record i takes {@code key:i} as its external id where the object's key field is configured.
     */
    public List<RecordWrite> readBatch(String sobject, JsonNode node, String key) {
        JsonNode records = node.get("records");
        if (!node.isObject() || node.size() != 1 || records == null || !records.isArray() || records.isEmpty()) {
            throw Refusal.invalid(
                    "invalid_batch",
                    "A batch is {\"records\": [ … ]} with at least one record",
                    List.of(new FieldError("/records", "must be a non-empty array")));
        }
        if (records.size() > config.records().maxBatchSize()) {
            throw Refusal.rejected(
                    "batch_too_large",
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "A batch holds at most " + config.records().maxBatchSize() + " records");
        }
        List<RecordWrite> writes = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Result result = read(sobject, records.get(i), "/records/" + i, key + ":" + i);
            if (result.ok()) {
                writes.add(result.write());
            } else {
                errors.addAll(result.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid("invalid_record", "The batch has invalid records; none was accepted", errors);
        }
        return writes;
    }

    /** Reads one record of the object; {@code keyValue} is the external id to use when the caller gives none. */
    public Result read(String sobject, JsonNode record, String pointer, String keyValue) {
        List<FieldError> errors = new ArrayList<>();
        if (record == null || !record.isObject()) {
            errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, "must be a JSON object"));
            return new Result(null, errors);
        }
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RECORD_MEMBERS.contains(name)) {
                errors.add(new FieldError(
                        pointer + "/" + escape(name), "unknown member; expected externalIdField, externalId, fields"));
            }
        }
        String externalIdField = text(record, "externalIdField", pointer, errors);
        String externalId = text(record, "externalId", pointer, errors);
        if (externalIdField == null && externalId == null) {
            Optional<String> keyField =
                    Optional.ofNullable(config.records().keyExternalIdField().get(sobject));
            if (keyField.isPresent()) {
                externalIdField = keyField.get();
                externalId = keyValue;
            } else {
                errors.add(new FieldError(
                        pointer + "/externalId",
                        "externalIdField and externalId are required for " + sobject
                                + " (no External ID field is configured to take the Idempotency-Key)"));
            }
        } else if (externalIdField == null || externalId == null) {
            errors.add(new FieldError(
                    pointer + (externalIdField == null ? "/externalIdField" : "/externalId"),
                    "externalIdField and externalId go together"));
        }
        if (externalIdField != null && !ApiNames.isValid(externalIdField)) {
            errors.add(new FieldError(pointer + "/externalIdField", "not a valid Salesforce API name"));
        }
        if (externalId != null && !validExternalId(externalId)) {
            errors.add(new FieldError(
                    pointer + "/externalId",
                    "must be 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters without control characters"));
        }
        Map<String, Object> fields =
                fields(record.get("fields"), pointer + "/fields", externalIdField, externalId, errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new RecordWrite(sobject, externalIdField, externalId, fields), List.of());
    }

    /** A read record, or why it was refused. */
    public record Result(RecordWrite write, List<FieldError> errors) {
        public boolean ok() {
            return write != null;
        }
    }

    private Map<String, Object> fields(
            JsonNode node, String pointer, String externalIdField, String externalId, List<FieldError> errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return fields;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(pointer, "must be an object of field API names to values"));
            return fields;
        }
        if (node.size() > config.records().maxFields()) {
            errors.add(new FieldError(pointer, "more than " + config.records().maxFields() + " fields"));
            return fields;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = pointer + "/" + escape(name);
            if (!ApiNames.isValid(name)) {
                errors.add(new FieldError(at, "not a valid Salesforce API name"));
            } else if (name.equalsIgnoreCase(RESERVED_MEMBER)) {
                errors.add(new FieldError(at, "reserved: a collection record's type travels in it"));
            } else if (!value.isValueNode()) {
                errors.add(new FieldError(at, "must be a string, number, boolean or null"));
            } else if (value.isTextual() && value.textValue().length() > MAX_VALUE_LENGTH) {
                errors.add(new FieldError(at, "longer than " + MAX_VALUE_LENGTH + " characters"));
            } else if (value.isNumber() && !Double.isFinite(value.decimalValue().doubleValue())) {
                errors.add(new FieldError(at, "a number too large for any Salesforce field"));
            } else if (name.equalsIgnoreCase(externalIdField)) {
                if (!value.asText().equals(externalId)) {
                    errors.add(new FieldError(at, "differs from externalId"));
                }
            } else {
                fields.put(name, scalar(value));
            }
        }
        return fields;
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.asText();
    }

    private static String text(JsonNode record, String member, String pointer, List<FieldError> errors) {
        JsonNode node = record.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(pointer + "/" + member, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static boolean validExternalId(String value) {
        if (value.isBlank() || value.length() > MAX_EXTERNAL_ID_LENGTH) {
            return false;
        }
        return value.chars().noneMatch(Character::isISOControl);
    }

    /** RFC 6901 escaping of a member name inside a JSON pointer. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String shortMessage(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
