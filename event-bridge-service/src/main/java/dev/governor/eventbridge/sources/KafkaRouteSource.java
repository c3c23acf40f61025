package dev.governor.eventbridge.sources;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.eventbridge.outbound.DeadEvents;
import dev.governor.eventbridge.outbound.Outbound;
import dev.governor.eventbridge.outbound.OutboundEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka routes' source, through SmallRye's Kafka connector: the channel reads every Kafka route's topic
 * and the replay topic ({@link OutboundKafkaTopics} lists them), in batches. Each record becomes one
 * event per route reading its topic — a replayed dead event goes to the route it names — and a batch is
 * acknowledged (its offsets committed, in order, by the throttled strategy) only once every event in it
 * is settled. The next batch is taken while earlier ones wait, as long as the publishers have room.
 */
@ApplicationScoped
public class KafkaRouteSource {

    public static final String CHANNEL = "outbound-kafka";
    public static final String EXTERNAL_CHANNEL = "outbound-kafka-external";

    private final Outbound outbound;
    private final String replayTopic;
    private final Map<String, List<String>> routesOfTopic = new HashMap<>();
    private final Map<String, List<String>> routesOfExternalTopic = new HashMap<>();

    public KafkaRouteSource(BridgeConfig config, Outbound outbound) {
        this.outbound = outbound;
        this.replayTopic = config.outbound().replayTopic();
        config.routes().forEach((name, route) -> {
            if (route.source() == BridgeConfig.Source.KAFKA) {
                routesOfTopic
                        .computeIfAbsent(route.topic(), t -> new ArrayList<>())
                        .add(name);
            } else if (route.source() == BridgeConfig.Source.KAFKA_EXTERNAL) {
                routesOfExternalTopic
                        .computeIfAbsent(route.topic(), t -> new ArrayList<>())
                        .add(name);
            }
        });
    }

    @Incoming(CHANNEL)
    public Uni<Void> take(Message<List<byte[]>> batch) {
        return take(batch, routesOfTopic, "kafka:");
    }

    /** The routes that read another cluster (the channel is disabled when none does). */
    @Incoming(EXTERNAL_CHANNEL)
    public Uni<Void> takeExternal(Message<List<byte[]>> batch) {
        return take(batch, routesOfExternalTopic, "kafka-external:");
    }

    private Uni<Void> take(Message<List<byte[]>> batch, Map<String, List<String>> routesByTopic, String scheme) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, byte[]> metadata = batch.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("A batch without its Kafka records"));
        List<CompletableFuture<OutboundEvent.Outcome>> outcomes = new ArrayList<>();
        Set<String> routes = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : metadata.getRecords()) {
            Map<String, String> headers = headers(record);
            for (String route : routesOf(record, headers, routesByTopic)) {
                OutboundEvent event = new OutboundEvent(
                        route,
                        record.value() == null ? new byte[0] : record.value(),
                        headers,
                        sourceTime(record, headers),
                        scheme + record.topic() + "/" + record.partition() + "@" + record.offset());
                outcomes.add(event.settled());
                routes.add(route);
                outbound.submit(event);
            }
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                batch.ack();
            } else {
                batch.nack(failure);
            }
        });
        return Uni.createFrom()
                .completionStage(CompletableFuture.allOf(
                        routes.stream().map(outbound::room).toArray(CompletableFuture[]::new)));
    }

    /** The routes that read the record's topic; for a replayed dead event, the route it names. */
    private List<String> routesOf(
            ConsumerRecord<String, byte[]> record,
            Map<String, String> headers,
            Map<String, List<String>> routesByTopic) {
        if (routesByTopic == routesOfTopic && record.topic().equals(replayTopic)) {
            String route = headers.get(DeadEvents.ROUTE);
            return route == null ? List.of("") : List.of(route);
        }
        return routesByTopic.getOrDefault(record.topic(), List.of());
    }

    private static Instant sourceTime(ConsumerRecord<String, byte[]> record, Map<String, String> headers) {
        String replayed = headers.get(DeadEvents.SOURCE_TIME);
        if (replayed != null) {
            try {
                return Instant.parse(replayed);
            } catch (RuntimeException e) {
                // not a time: fall back on the record's own
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
