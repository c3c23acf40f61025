package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.common.GovernorHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A Salesforce event as a Kafka record, in CloudEvents binary mode: the decoded payload as the JSON
 * value; {@code ce_id} the EventUuid; {@code ce_type} {@code salesforce.event.<Event__e>} or
 * {@code salesforce.change.<Object>.<CHANGE_TYPE>}; {@code ce_source} the org and channel; the replay id,
 * channel and schema id in Governor headers. The key is the changed record's id for a change event (so a
 * record's changes stay in order on one partition) and the EventUuid for a Platform Event.
 */
public final class RelayedEvents {

    public static final String REPLAY_ID = "governor-sf-replay-id";
    public static final String CHANNEL = "governor-sf-channel";
    public static final String SCHEMA_ID = "governor-sf-schema-id";
    /** On a GAP_* change event: consumers must re-read what it names (a gap record says how). */
    public static final String GAP = "governor-sf-gap";

    private RelayedEvents() {}

    /** One decoded event and where it came from. */
    public record Event(String eventUuid, byte[] replayId, String schemaId, String schemaName, ObjectNode payload) {}

    public static ProducerRecord<String, byte[]> record(String topic, String orgId, String channel, Event event) {
        JsonNode header = event.payload().get("ChangeEventHeader");
        boolean change = header != null && header.isObject();
        String key = change ? firstRecordId(header, event.eventUuid()) : event.eventUuid();
        String type = change
                ? "salesforce.change." + header.path("entityName").asText() + "."
                        + header.path("changeType").asText()
                : "salesforce.event." + event.schemaName();
        RecordHeaders headers = new RecordHeaders();
        add(headers, GovernorHeaders.CE_SPECVERSION, "1.0");
        add(headers, GovernorHeaders.CE_ID, event.eventUuid());
        add(headers, GovernorHeaders.CE_TYPE, type);
        add(headers, GovernorHeaders.CE_SOURCE, "salesforce://" + (orgId == null ? "org" : orgId) + channel);
        add(headers, GovernorHeaders.CE_TIME, time(event.payload(), header));
        add(headers, "content-type", "application/json");
        add(headers, REPLAY_ID, Base64.getEncoder().encodeToString(event.replayId()));
        add(headers, CHANNEL, channel);
        add(headers, SCHEMA_ID, event.schemaId());
        byte[] value = event.payload().toString().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static String firstRecordId(JsonNode header, String fallback) {
        JsonNode ids = header.path("recordIds");
        return ids.isArray() && !ids.isEmpty() ? ids.get(0).asText() : fallback;
    }

    /** When it happened: a change's commit time, a Platform Event's CreatedDate (both epoch ms). */
    private static String time(ObjectNode payload, JsonNode header) {
        JsonNode millis = header != null ? header.path("commitTimestamp") : payload.path("CreatedDate");
        return millis.canConvertToLong()
                ? Instant.ofEpochMilli(millis.asLong()).toString()
                : Instant.now().toString();
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
