package dev.governor.archive.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One JSON line per record, readable by people and analytics tools and exact enough to restore from:
 * {@code {"topic","partition","offset","timestamp","timestampType","key","headers":[{"key","value"}],"value"}}.
 * Keys, values and header values that are UTF-8 text are kept as strings (most of Governor's are JSON);
 * any other bytes as base64 under {@code keyBase64} and {@code valueBase64} (a header's too); a missing key
 * or value is left out. Fields are always written in this order, so the same record gives the same bytes.
 */
public final class ArchiveLines {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private ArchiveLines() {}

    /** The record's line, ending in a newline. */
    public static byte[] encode(ConsumerRecord<byte[], byte[]> record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256
                + (record.value() == null ? 0 : record.value().length)
                + (record.key() == null ? 0 : record.key().length));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeNumberField("timestamp", record.timestamp());
            json.writeStringField("timestampType", record.timestampType().name);
            writeBytes(json, "key", record.key());
            json.writeArrayFieldStart("headers");
            for (Header header : record.headers()) {
                json.writeStartObject();
                json.writeStringField("key", header.key());
                writeBytes(json, "value", header.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeBytes(json, "value", record.value());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The record a line holds; {@link UnreadableLine} with the reason when it is not one this class wrote. */
    public static ArchivedRecord decode(String line) {
        JsonNode node;
        try {
            node = READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UnreadableLine("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableLine("not a JSON object");
        }
        List<ArchivedRecord.Header> headers = new ArrayList<>();
        JsonNode headerNodes = node.path("headers");
        if (!headerNodes.isMissingNode() && !headerNodes.isArray()) {
            throw new UnreadableLine("headers is not an array");
        }
        for (JsonNode header : headerNodes) {
            headers.add(new ArchivedRecord.Header(text(header, "key"), bytes(header, "value")));
        }
        return new ArchivedRecord(
                text(node, "topic"),
                partition(node),
                number(node, "offset"),
                number(node, "timestamp"),
                node.path("timestampType").asText("CreateTime"),
                bytes(node, "key"),
                bytes(node, "value"),
                headers);
    }

    private static void writeBytes(JsonGenerator json, String field, byte[] bytes) throws IOException {
        if (bytes == null) {
            return;
        }
        String text = utf8(bytes);
        if (text != null) {
            json.writeStringField(field, text);
        } else {
            json.writeStringField(field + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** The bytes as text when they are well-formed UTF-8 (so that encoding the text gives them back); else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode text = node.get(field);
        JsonNode base64 = node.get(field + "Base64");
        if (text != null && !text.isNull()) {
            if (!text.isTextual()) {
                throw new UnreadableLine(field + " is not a string");
            }
            return text.textValue().getBytes(StandardCharsets.UTF_8);
        }
        if (base64 != null && !base64.isNull()) {
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new UnreadableLine(field + "Base64 is not base64");
            }
        }
        return null;
    }

    private static int partition(JsonNode node) {
        long partition = number(node, "partition");
        if (partition < 0 || partition > Integer.MAX_VALUE) {
            throw new UnreadableLine("partition is out of range");
        }
        return (int) partition;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnreadableLine(field + " is missing or not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new UnreadableLine(field + " is missing or not an integer");
        }
        return value.longValue();
    }

    /** A line that is not a record this format wrote; the message says why. */
    public static final class UnreadableLine extends RuntimeException {
        public UnreadableLine(String reason) {
            super(reason);
        }
    }
}
