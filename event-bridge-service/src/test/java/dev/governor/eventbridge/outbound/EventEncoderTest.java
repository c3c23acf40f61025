package dev.governor.eventbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class EventEncoderTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Schema ORDER_EVENT = Schema.createRecord(
            "Order_Event__e",
            null,
            "com.sforce.eventbus",
            false,
            List.of(
                    new Schema.Field(
                            "CreatedDate", LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))),
                    new Schema.Field("CreatedById", Schema.create(Schema.Type.STRING)),
                    optional("Order_Number__c", Schema.create(Schema.Type.STRING)),
                    optional("Amount__c", Schema.create(Schema.Type.DOUBLE)),
                    optional("Quantity__c", Schema.create(Schema.Type.INT)),
                    optional("Rush__c", Schema.create(Schema.Type.BOOLEAN)),
                    optional("Ship_Date__c", LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))),
                    optional(
                            "Shipped_At__c",
                            LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))));

    @Test
    void fieldsAreMatchedWithoutRegardToCaseAndTheCreatorIsFilledIn() throws Exception {
        GenericRecord record = decode(EventEncoder.encode(
                ORDER_EVENT,
                Map.of("order_number__C", "O-1", "AMOUNT__C", 12L, "Rush__c", true),
                "005000000000001AAA",
                NOW));
        assertThat(record.get("Order_Number__c").toString()).isEqualTo("O-1");
        assertThat(record.get("Amount__c")).isEqualTo(12.0);
        assertThat(record.get("Rush__c")).isEqualTo(true);
        assertThat(record.get("CreatedById").toString()).isEqualTo("005000000000001AAA");
        assertThat(record.get("CreatedDate")).isEqualTo(NOW.toEpochMilli());
        assertThat(record.get("Quantity__c")).isNull();
    }

    @Test
    void datesAndDateTimesComeFromIsoTextAndNumbersBecomeTextOnlyWhereTextBelongs() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("Ship_Date__c", "2026-12-24");
        values.put("Shipped_At__c", "2026-12-24T08:30:00Z");
        values.put("Order_Number__c", 4711L);
        values.put("Quantity__c", 3L);
        GenericRecord record = decode(EventEncoder.encode(ORDER_EVENT, values, "005", NOW));
        assertThat(record.get("Ship_Date__c")).isEqualTo(20811);
        assertThat(record.get("Shipped_At__c"))
                .isEqualTo(Instant.parse("2026-12-24T08:30:00Z").toEpochMilli());
        assertThat(record.get("Order_Number__c").toString()).isEqualTo("4711");
        assertThat(record.get("Quantity__c")).isEqualTo(3);
    }

    @Test
    void whatDoesNotFitIsAReasonNotAGuess() {
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Colour__c", "red"), "005", NOW))
                .hasMessage("Order_Event__e has no field Colour__c");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Amount__c", "12 EUR"), "005", NOW))
                .hasMessage("Field Amount__c takes a number, not \"12 EUR\"");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Quantity__c", 2.5), "005", NOW))
                .hasMessage("Field Quantity__c takes a whole number, not 2.5");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Quantity__c", 1L << 40), "005", NOW))
                .hasMessageStartingWith("Field Quantity__c takes a whole number");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Rush__c", "yes"), "005", NOW))
                .hasMessage("Field Rush__c takes true or false, not \"yes\"");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of("Ship_Date__c", "24.12.2026"), "005", NOW))
                .hasMessageStartingWith("Field Ship_Date__c takes a date");
        assertThatThrownBy(() ->
                        EventEncoder.encode(ORDER_EVENT, Map.of("Amount__c", Double.POSITIVE_INFINITY), "005", NOW))
                .hasMessageStartingWith("Field Amount__c takes a number");
        assertThatThrownBy(() -> EventEncoder.encode(ORDER_EVENT, Map.of(), null, NOW))
                .hasMessage("Required field CreatedById of Order_Event__e has no value");
    }

    @Test
    void aNullLeavesAnOptionalFieldEmpty() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("Amount__c", null);
        assertThat(decode(EventEncoder.encode(ORDER_EVENT, values, "005", NOW)).get("Amount__c"))
                .isNull();
    }

    private static GenericRecord decode(byte[] payload) throws Exception {
        return new GenericDatumReader<GenericRecord>(ORDER_EVENT)
                .read(null, DecoderFactory.get().binaryDecoder(payload, null));
    }

    private static Schema.Field optional(String name, Schema type) {
        return new Schema.Field(
                name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), null, JsonProperties.NULL_VALUE);
    }
}
