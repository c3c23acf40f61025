package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Gap records: what a subscription may have missed, never silent. Either its position fell out of
 * Salesforce's retention (events between the checkpoint and what is still retained are lost), or
 * Salesforce itself sent a GAP_* change event (something changed that it could not describe). For change
 * events the record says how to reconcile: re-read the object's records changed in the span.
 */
final class Gaps {

    private Gaps() {}

    /** A position Salesforce no longer has. */
    static ProducerRecord<String, byte[]> lostPosition(
            String topic, String subscription, String channel, Checkpoint lost, String reason, String policy) {
        ObjectNode gap = base(subscription, channel, "POSITION_LOST")
                .put("reason", reason)
                .put("policy", policy)
                .put("lostReplayId", lost == null ? null : Base64.getEncoder().encodeToString(lost.replayId()))
                .put("from", lost == null ? null : lost.committedAt().toString())
                .put("to", Instant.now().toString());
        if (channel.startsWith("/data/")) {
            gap.put("reconcile", "re-read the records of the channel's objects changed between from and to");
        }
        return record(topic, subscription, gap);
    }

    /** A GAP_* change event relayed from Salesforce. */
    static ProducerRecord<String, byte[]> gapEvent(
            String topic, String subscription, String channel, String eventUuid, String changeType, String entity) {
        ObjectNode gap = base(subscription, channel, changeType)
                .put("eventUuid", eventUuid)
                .put("entityName", entity)
                .put(
                        "reconcile",
                        changeType.equals("GAP_OVERFLOW")
                                ? "re-read every " + entity + " changed around the event's commit time"
                                : "re-read the records named in the event's recordIds");
        return record(topic, subscription, gap);
    }

    private static ObjectNode base(String subscription, String channel, String kind) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("subscription", subscription)
                .put("channel", channel)
                .put("kind", kind)
                .put("detectedAt", Instant.now().toString());
    }

    private static ProducerRecord<String, byte[]> record(String topic, String subscription, ObjectNode gap) {
        return new ProducerRecord<>(topic, subscription, gap.toString().getBytes(StandardCharsets.UTF_8));
    }
}
