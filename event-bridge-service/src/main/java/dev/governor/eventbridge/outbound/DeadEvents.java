package dev.governor.eventbridge.outbound;

import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.service.kafka.TopicSnapshot;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts an event no route could publish on the dead-letter topic ({@code governor.events.dlq.v1}): its
 * body unchanged, its source headers, and why — the route, the reason, where it came from and its source
 * id — so an operator can read the cause and replay it once it is fixed. Blocking: waits for Kafka.
 */
@ApplicationScoped
public class DeadEvents {

    public static final String CHANNEL = "dead-events";
    public static final String ROUTE = "governor-route";
    public static final String REASON = "governor-dead-letter-reason";
    public static final String ORIGIN = "governor-origin";
    public static final String SOURCE_ID = "governor-source-id";
    public static final String SOURCE_TIME = "governor-source-time";
    private static final Duration SEND_LIMIT = Duration.ofSeconds(30);
    /** How far before a dying entry's time to look: a wall clock can be set back between the two. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final MutinyEmitter<byte[]> topic;
    private final Map<String, Object> kafka;
    private final String topicName;

    public DeadEvents(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    MutinyEmitter<byte[]> topic,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            BridgeConfig config) {
        this.topic = topic;
        this.kafka = kafka;
        this.topicName = config.outbound().deadLetterTopic();
    }

    /**
     * Whether the dead-letter topic holds the source event's dead letter, written at or after {@code since}:
     * a copy of an event whose dead-lettering was cut short asks before writing another. Blocking.
     */
    boolean holds(String route, String sourceId, Instant since) {
        String key = key(route, sourceId);
        return TopicSnapshot.anySince(
                kafka,
                "governor-bridge-dead-letter-check",
                topicName,
                since.minus(CLOCK_SKEW),
                record -> key.equals(record.key()));
    }

    void send(OutboundEvent event, String sourceId, String reason) {
        sendAsync(event, sourceId, reason).await().atMost(SEND_LIMIT);
    }

    /** Completes once Kafka has the dead event. */
    Uni<Void> sendAsync(OutboundEvent event, String sourceId, String reason) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((name, value) -> {
            if (!name.startsWith("governor-")) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        });
        Map.of(
                        ROUTE, event.route(),
                        REASON, reason,
                        ORIGIN, event.origin(),
                        SOURCE_TIME, event.sourceTime().toString())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        if (sourceId != null) {
            headers.add(SOURCE_ID, sourceId.getBytes(StandardCharsets.UTF_8));
        }
        return topic.sendMessage(Message.of(event.body())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key(event.route(), sourceId))
                        .withHeaders(headers)
                        .build()));
    }

    private static String key(String route, String sourceId) {
        return route + (sourceId == null ? "" : ":" + sourceId);
    }
}
