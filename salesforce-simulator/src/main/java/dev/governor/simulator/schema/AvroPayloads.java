package dev.governor.simulator.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary payloads to and from the values the simulator keeps: text as strings, numbers as Long or
 * Double, dates as ISO text ({@code 2026-12-01}), date-times as ISO text or epoch milliseconds, records
 * as maps, arrays as lists. Decoding is strict: a payload that does not fit the schema, or has bytes
 * left over, is refused, as the Pub/Sub API refuses an event it cannot read.
 */
public final class AvroPayloads {

    /**
     * The longest string, byte array or collection a payload may declare. An event is at most 1 MB, so
     * nothing in it can be longer; without this bound Avro would allocate whatever length a hostile
     * payload claims (up to 2 GB) before finding the bytes missing. Set before Avro first reads a length.
     */
    static final int MAX_DECLARED_LENGTH = 1 << 20;

    static {
        for (String property : List.of(
                SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
                SystemLimitException.MAX_BYTES_LENGTH_PROPERTY,
                SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY)) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, Integer.toString(MAX_DECLARED_LENGTH));
            }
        }
    }

    private AvroPayloads() {}

    /** A payload that cannot be read with the schema it names. */
    public static final class UnreadablePayload extends Exception {
        UnreadablePayload(String message) {
            super(message);
        }
    }

    /** Encodes values (absent ones as null) in the record schema. */
    public static byte[] encode(Schema schema, Map<String, ?> values) {
        GenericRecord record = toRecord(schema, values);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes a payload into values as {@link #encode} takes them (date-times as ISO text). */
    public static Map<String, Object> decode(Schema schema, byte[] payload) throws UnreadablePayload {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
        GenericRecord record;
        try {
            record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UnreadablePayload("The payload has bytes after the end of its record");
            }
        } catch (IOException | RuntimeException e) { // AvroRuntimeException, and what malformed input trips inside Avro
            throw new UnreadablePayload("The payload cannot be read with schema " + schema.getFullName());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) fromAvro(schema, record);
        return values;
    }

    private static GenericRecord toRecord(Schema schema, Map<String, ?> values) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), toAvro(field.schema(), values.get(field.name())));
        }
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Object toAvro(Schema schema, Object value) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null) {
                return null;
            }
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return toAvro(branch, value);
                }
            }
        }
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case RECORD -> toRecord(schema, (Map<String, ?>) value);
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    items.add(toAvro(schema.getElementType(), item));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case ENUM -> new GenericData.EnumSymbol(schema, String.valueOf(value));
            case INT ->
                logical instanceof LogicalTypes.Date
                        ? (int) LocalDate.parse(String.valueOf(value)).toEpochDay()
                        : ((Number) value).intValue();
            case LONG ->
                logical instanceof LogicalTypes.TimestampMillis ? epochMillis(value) : ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value;
            case STRING -> String.valueOf(value);
            case NULL -> null;
            default -> throw new IllegalArgumentException("No simulator value maps to Avro " + schema.getType());
        };
    }

    private static long epochMillis(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return OffsetDateTime.parse(String.valueOf(value)).toInstant().toEpochMilli();
    }

    private static Object fromAvro(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return fromAvro(schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
        }
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                Map<String, Object> values = new LinkedHashMap<>();
                for (Schema.Field field : schema.getFields()) {
                    values.put(field.name(), fromAvro(field.schema(), record.get(field.pos())));
                }
                yield values;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    items.add(fromAvro(schema.getElementType(), item));
                }
                yield items;
            }
            case INT ->
                logical instanceof LogicalTypes.Date
                        ? LocalDate.ofEpochDay(((Number) value).intValue()).toString()
                        : (Object) ((Number) value).longValue();
            case LONG ->
                logical instanceof LogicalTypes.TimestampMillis
                        ? Instant.ofEpochMilli((Long) value).toString()
                        : value;
            case ENUM, STRING -> value.toString();
            default -> value;
        };
    }
}
