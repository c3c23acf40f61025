package dev.governor.eventbridge.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A mapped event's fields as the Avro payload of the Platform Event's current schema: field names matched
 * without regard to case (as Salesforce's API names are), values converted only where nothing can be lost
 * (a number or a flag into a text field, an ISO date-time into a date-time), and {@code CreatedDate} and
 * {@code CreatedById} filled in. Anything else — a field the event does not have, text where a number
 * belongs, a required field left out — is a reason the event cannot be published, not a guess. Pure.
 */
public final class EventEncoder {

    private EventEncoder() {}

    /** Why a mapped event does not fit the Platform Event's schema. */
    public static final class Unencodable extends Exception {
        Unencodable(String message) {
            super(message);
        }
    }

    public static byte[] encode(Schema schema, Map<String, Object> values, String createdById, Instant createdDate)
            throws Unencodable {
        Map<String, Schema.Field> byName = new HashMap<>();
        for (Schema.Field field : schema.getFields()) {
            byName.put(field.name().toLowerCase(Locale.ROOT), field);
        }
        GenericRecord record = new GenericData.Record(schema);
        set(record, byName, "CreatedDate", createdDate.toEpochMilli());
        set(record, byName, "CreatedById", createdById);
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Schema.Field field = byName.get(value.getKey().toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new Unencodable(schema.getName() + " has no field " + value.getKey());
            }
            record.put(field.pos(), convert(field, value.getValue()));
        }
        for (Schema.Field field : schema.getFields()) {
            if (record.get(field.pos()) == null && !nullable(field.schema())) {
                throw new Unencodable("Required field " + field.name() + " of " + schema.getName() + " has no value");
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new Unencodable(
                    "The event does not encode with " + schema.getName() + "'s schema: " + e.getMessage());
        }
    }

    private static void set(GenericRecord record, Map<String, Schema.Field> byName, String name, Object value)
            throws Unencodable {
        Schema.Field field = byName.get(name.toLowerCase(Locale.ROOT));
        if (field != null && value != null) {
            record.put(field.pos(), convert(field, value));
        }
    }

    private static Object convert(Schema.Field field, Object value) throws Unencodable {
        if (value == null) {
            if (!nullable(field.schema())) {
                throw new Unencodable("Field " + field.name() + " cannot be null");
            }
            return null;
        }
        Schema type = valueType(field.schema());
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case STRING -> {
                if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                    yield value.toString();
                }
                throw mismatch(field, "text", value);
            }
            case DOUBLE, FLOAT -> {
                if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
                    yield type.getType() == Schema.Type.DOUBLE ? number.doubleValue() : number.floatValue();
                }
                throw mismatch(field, "a number", value);
            }
            case INT -> {
                if (logical instanceof LogicalTypes.Date && value instanceof String text) {
                    try {
                        yield (int) LocalDate.parse(text).toEpochDay();
                    } catch (DateTimeParseException e) {
                        throw mismatch(field, "a date (YYYY-MM-DD)", value);
                    }
                }
                if (value instanceof Long || value instanceof Integer) {
                    long number = ((Number) value).longValue();
                    if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                        yield (int) number;
                    }
                }
                throw mismatch(field, "a whole number", value);
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis && value instanceof String text) {
                    try {
                        yield Instant.parse(text).toEpochMilli();
                    } catch (DateTimeParseException e) {
                        throw mismatch(field, "a date-time (ISO 8601, UTC)", value);
                    }
                }
                if (value instanceof Long || value instanceof Integer) {
                    yield ((Number) value).longValue();
                }
                throw mismatch(field, "a whole number", value);
            }
            case BOOLEAN -> {
                if (value instanceof Boolean flag) {
                    yield flag;
                }
                throw mismatch(field, "true or false", value);
            }
            default ->
                throw new Unencodable("Field " + field.name() + " is a " + type.getType()
                        + "; a route maps only text, numbers, flags, dates and date-times");
        };
    }

    private static Unencodable mismatch(Schema.Field field, String expected, Object value) {
        String shown = String.valueOf(value);
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "…";
        }
        return new Unencodable("Field " + field.name() + " takes " + expected + ", not "
                + (value instanceof String ? "\"" + shown + "\"" : shown));
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(branch -> branch.getType() == Schema.Type.NULL);
    }

    private static Schema valueType(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }
}
