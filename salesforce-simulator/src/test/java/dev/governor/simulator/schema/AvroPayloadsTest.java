package dev.governor.simulator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.SObjectDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroPayloadsTest {

    static final SObjectDefinition ORDER = new SObjectDefinition(
            "Order_Event__e",
            "e00",
            true,
            false,
            List.of(
                    field("Order_Number__c", FieldType.STRING),
                    field("Quantity__c", FieldType.INT),
                    field("Amount__c", FieldType.DOUBLE),
                    field("Rush__c", FieldType.BOOLEAN),
                    field("Due__c", FieldType.DATE),
                    field("Placed_At__c", FieldType.DATETIME)));
    static final Schema SCHEMA = AvroSchemas.platformEvent(ORDER);

    @Test
    void valuesSurviveTheRoundTripInTheSimulatorsOwnForms() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("CreatedDate", 1_764_547_200_000L);
        values.put("CreatedById", "005000000000001AAA");
        values.put("Order_Number__c", "O-1");
        values.put("Quantity__c", 3L);
        values.put("Amount__c", 12.5);
        values.put("Rush__c", true);
        values.put("Due__c", "2026-12-24");
        values.put("Placed_At__c", "2026-12-01T10:15:30+01:00");
        Map<String, Object> decoded = AvroPayloads.decode(SCHEMA, AvroPayloads.encode(SCHEMA, values));
        assertThat(decoded)
                .containsEntry("Order_Number__c", "O-1")
                .containsEntry("Quantity__c", 3L)
                .containsEntry("Amount__c", 12.5)
                .containsEntry("Rush__c", true)
                .containsEntry("Due__c", "2026-12-24")
                .containsEntry("Placed_At__c", "2026-12-01T09:15:30Z")
                .containsEntry("CreatedDate", "2025-12-01T00:00:00Z");
    }

    @Test
    void absentOptionalFieldsAreNull() throws Exception {
        Map<String, Object> decoded = AvroPayloads.decode(
                SCHEMA, AvroPayloads.encode(SCHEMA, Map.of("CreatedDate", 1L, "CreatedById", "005")));
        assertThat(decoded.get("Order_Number__c")).isNull();
    }

    @Test
    void bytesLeftOverAreRefused() {
        byte[] payload = AvroPayloads.encode(SCHEMA, Map.of("CreatedDate", 1L, "CreatedById", "005"));
        byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
        assertThatThrownBy(() -> AvroPayloads.decode(SCHEMA, longer))
                .isInstanceOf(AvroPayloads.UnreadablePayload.class);
    }

    /** A publisher's bytes are untrusted: whatever they are, decoding answers or refuses, and never falls over. */
    @Test
    void randomBytesAreReadOrRefusedNeverThrownAtTheCaller() {
        Random random = new Random(20261201);
        Schema change = AvroSchemas.changeEvent(
                new SObjectDefinition("Account", "001", false, true, List.of(field("Name", FieldType.STRING))));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            for (Schema schema : List.of(SCHEMA, change)) {
                try {
                    AvroPayloads.decode(schema, bytes);
                } catch (AvroPayloads.UnreadablePayload expected) {
                    // refused: what the Pub/Sub API turns into a per-event error
                }
            }
        }
    }

    @Test
    void theSchemaIdIsAStableFingerprintThatFollowsTheFields() {
        String id = EventSchemas.idOf(SCHEMA);
        assertThat(id).hasSize(22).isEqualTo(EventSchemas.idOf(AvroSchemas.platformEvent(ORDER)));
        SObjectDefinition changed = ORDER.withField(field("Channel__c", FieldType.STRING));
        assertThat(EventSchemas.idOf(AvroSchemas.platformEvent(changed))).isNotEqualTo(id);
    }

    private static FieldDefinition field(String name, FieldType type) {
        return new FieldDefinition(name, type, 0, false, false, false, null, false, null, false, 18, 2);
    }
}
