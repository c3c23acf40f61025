package dev.governor.salesforce.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * An event's Avro payload as JSON for Kafka: records as objects, unions as their value, and a change
 * event's {@code changedFields}, {@code nulledFields} and {@code diffFields} bitmaps expanded to field
 * names with the schema, so consumers never decode bitmaps themselves. A bitmap over a compound
 * field's children ({@code p-0xHEX}) expands to {@code Parent.Child}.
 */
public final class EventPayloads {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> FIELD_LISTS = List.of("changedFields", "nulledFields", "diffFields");

    private EventPayloads() {}

    /** A payload that does not decode with the schema it names. */
    public static final class UnreadablePayload extends Exception {
        UnreadablePayload(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static ObjectNode toJson(Schema schema, byte[] payload) throws UnreadablePayload {
        GenericRecord record;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
            record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new UnreadablePayload("The payload does not decode with schema " + schema.getFullName(), e);
        }
        ObjectNode json = (ObjectNode) value(schema, record);
        JsonNode header = json.get("ChangeEventHeader");
        if (header instanceof ObjectNode changeHeader) {
            for (String list : FIELD_LISTS) {
                if (changeHeader.get(list) instanceof ArrayNode bitmaps) {
                    changeHeader.set(list, fieldNames(schema, bitmaps));
                }
            }
        }
        return json;
    }

    /** Field names from the Pub/Sub API's bitmaps; already-named lists (as over CometD) pass through. */
    static ArrayNode fieldNames(Schema schema, ArrayNode bitmaps) {
        ArrayNode names = JSON.arrayNode();
        for (JsonNode element : bitmaps) {
            String text = element.asText();
            int dash = text.indexOf("-0x");
            if (text.startsWith("0x")) {
                addSetBits(schema.getFields(), new BigInteger(text.substring(2), 16), "", names);
            } else if (dash > 0) {
                Schema.Field parent = schema.getFields().get(Integer.parseInt(text.substring(0, dash)));
                Schema parentRecord = nonNull(parent.schema());
                if (parentRecord.getType() == Schema.Type.RECORD) {
                    addSetBits(
                            parentRecord.getFields(),
                            new BigInteger(text.substring(dash + 3), 16),
                            parent.name() + ".",
                            names);
                }
            } else {
                names.add(text);
            }
        }
        return names;
    }

    private static void addSetBits(List<Schema.Field> fields, BigInteger bits, String prefix, ArrayNode names) {
        for (Schema.Field field : fields) {
            if (bits.testBit(field.pos())) {
                names.add(prefix + field.name());
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return schema;
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return value(schema.getTypes().get(GenericData.get().resolveUnion(schema, value)), value);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode node = JSON.objectNode();
                GenericRecord record = (GenericRecord) value;
                for (Schema.Field field : schema.getFields()) {
                    node.set(field.name(), value(field.schema(), record.get(field.pos())));
                }
                yield node;
            }
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(value(schema.getElementType(), item));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode node = JSON.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> node.set(String.valueOf(k), value(schema.getValueType(), v)));
                yield node;
            }
            case INT -> JSON.numberNode(((Number) value).intValue());
            case LONG -> JSON.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> JSON.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case BYTES -> JSON.binaryNode(bytes((ByteBuffer) value));
            case FIXED -> JSON.binaryNode(((GenericData.Fixed) value).bytes());
            default -> JSON.textNode(value.toString()); // STRING, ENUM
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
