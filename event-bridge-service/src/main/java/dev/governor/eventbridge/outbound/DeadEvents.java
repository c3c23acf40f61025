package dev.governor.eventbridge.outbound;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    private final MutinyEmitter<byte[]> topic;

    public DeadEvents(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    MutinyEmitter<byte[]> topic) {
        this.topic = topic;
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
                        .withKey(event.route() + (sourceId == null ? "" : ":" + sourceId))
                        .withHeaders(headers)
                        .build()));
    }
}
