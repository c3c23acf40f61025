package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One subscription as operators see it: where its relay stands in Salesforce's stream and in Kafka, who
 * relays it, and what it may have missed.
 *
 * @param name            the subscription's name
 * @param channel         the Pub/Sub API channel
 * @param topic           the Kafka topic its events go to
 * @param replayId        the committed checkpoint's replay id (base64), null before the first
 * @param checkpointAt    when that checkpoint was committed
 * @param secondsBehind   seconds since that commit: relays commit their position with every batch and
 *                        keepalive, so a figure that keeps growing means the relay is stuck or stopped
 * @param topicEndOffset  its topic's end offset (all partitions): grows with every relayed batch, by its
 *                        events and one transaction marker
 * @param relayedBy       the replica holding its lease (the one relaying), null while none does
 * @param here            how its relay stands on the replica that answered: RELAYING, STANDBY, PAUSED (the
 *                        event delivery allocation is spent), FENCED or STOPPED_BY_GAP_POLICY
 * @param gapCount        how many gap records it has in all
 * @param gaps            its gap records, newest last (at most the last 20): positions lost, GAP_* events
 */
@RegisterForReflection
public record SubscriptionView(
        String name,
        String channel,
        String topic,
        String replayId,
        Instant checkpointAt,
        Long secondsBehind,
        long topicEndOffset,
        String relayedBy,
        String here,
        long gapCount,
        List<JsonNode> gaps) {}
