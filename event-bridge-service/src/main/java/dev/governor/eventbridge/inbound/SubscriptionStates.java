package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.eventbridge.lease.Lease;
import dev.governor.service.kafka.TopicSnapshot;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configured subscription's state from what all replicas share (the checkpoint and gap topics, the
 * subscription's topic, its lease in Redis), so any replica answers the same, plus how its relay stands on
 * the replica that answers. Blocking: reads Kafka with consumers of its own; call it from a worker thread.
 */
@ApplicationScoped
public class SubscriptionStates {

    private static final int GAPS_SHOWN = 20;

    private final BridgeConfig config;
    private final Checkpoints checkpoints;
    private final InboundRelays relays;
    private final RedisDataSource redis;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;

    public SubscriptionStates(
            BridgeConfig config,
            Checkpoints checkpoints,
            InboundRelays relays,
            RedisDataSource redis,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            ObjectMapper json) {
        this.config = config;
        this.checkpoints = checkpoints;
        this.relays = relays;
        this.redis = redis;
        this.kafka = kafka;
        this.json = json;
    }

    public List<SubscriptionView> all() {
        Map<String, Checkpoint> committed = checkpoints.readAll();
        Map<String, String> here = relays.localStates();
        Map<String, Gaps> gaps = gapsBySubscription();
        List<String> topics = config.subscriptions().values().stream()
                .map(BridgeConfig.Subscription::topic)
                .distinct()
                .toList();
        Map<String, Long> ends =
                topics.isEmpty() ? Map.of() : TopicSnapshot.ends(kafka, "governor-bridge-subscription-states", topics);
        Instant now = Instant.now();
        List<SubscriptionView> views = new ArrayList<>();
        config.subscriptions().forEach((name, subscription) -> {
            Checkpoint checkpoint = committed.get(name);
            Gaps own = gaps.getOrDefault(name, new Gaps());
            views.add(new SubscriptionView(
                    name,
                    subscription.channel(),
                    subscription.topic(),
                    checkpoint == null ? null : Base64.getEncoder().encodeToString(checkpoint.replayId()),
                    checkpoint == null ? null : checkpoint.committedAt(),
                    checkpoint == null
                            ? null
                            : Duration.between(checkpoint.committedAt(), now).toSeconds(),
                    ends.getOrDefault(subscription.topic(), 0L),
                    Lease.heldBy(redis, name).orElse(null),
                    here.getOrDefault(name, "STANDBY"),
                    own.count(),
                    own.latest(json)));
        });
        views.sort(Comparator.comparing(SubscriptionView::name));
        return views;
    }

    /** Each subscription's gaps, read through the gap topic keeping only the latest few of each. */
    private Map<String, Gaps> gapsBySubscription() {
        Map<String, Gaps> gaps = new HashMap<>();
        TopicSnapshot.scan(kafka, "governor-bridge-gap-reader", config.gapTopic(), record -> {
            if (record.key() != null && record.value() != null) {
                gaps.computeIfAbsent(record.key(), k -> new Gaps()).add(record.value());
            }
            return true;
        });
        return gaps;
    }

    /** How many gap records a subscription has, and the latest {@link #GAPS_SHOWN} of them, as read. */
    static final class Gaps {
        private final ArrayDeque<byte[]> latest = new ArrayDeque<>(GAPS_SHOWN);
        private long count;

        void add(byte[] gap) {
            count++;
            if (latest.size() == GAPS_SHOWN) {
                latest.removeFirst();
            }
            latest.addLast(gap);
        }

        long count() {
            return count;
        }

        List<JsonNode> latest(ObjectMapper json) {
            List<JsonNode> shown = new ArrayList<>(latest.size());
            for (byte[] gap : latest) {
                try {
                    shown.add(json.readTree(gap));
                } catch (IOException e) {
                    // a gap record that is not JSON is not ours to show
                }
            }
            return shown;
        }
    }
}
