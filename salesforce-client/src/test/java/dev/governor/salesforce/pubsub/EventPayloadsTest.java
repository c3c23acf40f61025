package dev.governor.salesforce.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    /** A change event schema as Salesforce shapes one: the header at 0, then optional fields. */
    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "AccountChangeEvent", "namespace": "com.sforce.eventbus", "fields": [
              {"name": "ChangeEventHeader", "type": {"type": "record", "name": "ChangeEventHeader", "fields": [
                {"name": "entityName", "type": "string"},
                {"name": "recordIds", "type": {"type": "array", "items": "string"}},
                {"name": "changeType", "type": {"type": "enum", "name": "ChangeType",
                  "symbols": ["CREATE", "UPDATE", "DELETE"]}},
                {"name": "changedFields", "type": {"type": "array", "items": "string"}},
                {"name": "nulledFields", "type": {"type": "array", "items": "string"}},
                {"name": "diffFields", "type": {"type": "array", "items": "string"}}]}},
              {"name": "Name", "type": ["null", "string"], "default": null},
              {"name": "Phone", "type": ["null", "string"], "default": null},
              {"name": "BillingAddress", "type": ["null", {"type": "record", "name": "Address", "fields": [
                {"name": "Street", "type": ["null", "string"], "default": null},
                {"name": "City", "type": ["null", "string"], "default": null}]}], "default": null},
              {"name": "NumberOfEmployees", "type": ["null", "int"], "default": null}]}""");

    @Test
    void decodesToJsonWithBitmapsAsFieldNames() throws Exception {
        GenericRecord header =
                new GenericData.Record(SCHEMA.getField("ChangeEventHeader").schema());
        header.put("entityName", "Account");
        header.put("recordIds", List.of("001000000000001AAA"));
        header.put(
                "changeType",
                new GenericData.EnumSymbol(
                        header.getSchema().getField("changeType").schema(), "UPDATE"));
        header.put("changedFields", List.of("0x14", "3-0x02")); // Phone (2), NumberOfEmployees (4); City of 3
        header.put("nulledFields", List.of("0x4"));
        header.put("diffFields", List.of());
        GenericRecord event = new GenericData.Record(SCHEMA);
        event.put("ChangeEventHeader", header);
        event.put("NumberOfEmployees", 12);

        ObjectNode json = EventPayloads.toJson(SCHEMA, encode(event));

        JsonNode decodedHeader = json.get("ChangeEventHeader");
        assertThat(decodedHeader.get("changeType").asText()).isEqualTo("UPDATE");
        assertThat(decodedHeader.get("changedFields"))
                .extracting(JsonNode::asText)
                .containsExactly("Phone", "NumberOfEmployees", "BillingAddress.City");
        assertThat(decodedHeader.get("nulledFields"))
                .extracting(JsonNode::asText)
                .containsExactly("Phone");
        assertThat(json.get("Name").isNull()).isTrue();
        assertThat(json.get("NumberOfEmployees").asInt()).isEqualTo(12);
    }

    @Test
    void namedListsPassThroughAndBadBytesAreRefused() {
        assertThat(EventPayloads.fieldNames(
                        SCHEMA,
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createArrayNode()
                                .add("Name")))
                .extracting(JsonNode::asText)
                .containsExactly("Name");
        assertThatThrownBy(() -> EventPayloads.toJson(SCHEMA, new byte[] {(byte) 0xff, 0x01}))
                .isInstanceOf(EventPayloads.UnreadablePayload.class);
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
