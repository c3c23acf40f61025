package dev.governor.delivery.messaging;

import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.writing.Settlement;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes each settled write's outcome on {@code governor.outcomes.v1} and each dead letter, with its
 * original headers and the reason, on {@code governor.records.dlq.v1}; completes once Kafka has them all.
 */
@ApplicationScoped
public class SettlementPublisher {

    public static final String OUTCOMES = "outcomes";
    public static final String DEAD_LETTERS = "dead-letters";

    private final MutinyEmitter<RecordOutcome> outcomes;
    private final MutinyEmitter<RecordWrite> deadLetters;
    private final MeterRegistry metrics;

    public SettlementPublisher(@Channel(OUTCOMES) MutinyEmitter<RecordOutcome> outcomes,
            @Channel(DEAD_LETTERS) MutinyEmitter<RecordWrite> deadLetters, MeterRegistry metrics) {
        this.outcomes = outcomes;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public Uni<Void> publish(List<Settlement> settled) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (Settlement settlement : settled) {
            metrics.counter("governor_delivery_records", "outcome", settlement.outcome().status().name().toLowerCase()).increment();
            sends.add(outcomes.sendMessage(outcomeMessage(settlement)));
            if (settlement.deadLettered()) {
                sends.add(deadLetters.sendMessage(deadLetterMessage(settlement)));
            }
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static Message<RecordOutcome> outcomeMessage(Settlement settlement) {
        RecordWrite write = settlement.write().write();
        return Message.of(settlement.outcome())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withSource(URI.create("/delivery"))
                        .withType(RecordOutcome.TYPE)
                        .withSubject(write.kafkaKey())
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(write.kafkaKey()).build());
    }

    private static Message<RecordWrite> deadLetterMessage(Settlement settlement) {
        RecordWrite write = settlement.write().write();
        RecordOutcome.Error error = settlement.outcome().error();
        RecordHeaders headers = new RecordHeaders();
        settlement.write().headers().forEach(headers::add);
        headers.remove("dead-letter-reason");
        headers.add("dead-letter-reason", utf8(error.statusCode() + ": " + error.message()));
        headers.add("governor-error-code", utf8(error.statusCode()));
        headers.add("governor-error-fields", utf8(String.join(",", error.fields())));
        headers.add("governor-attempts", utf8(String.valueOf(settlement.outcome().attempts())));
        return Message.of(write).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(write.kafkaKey()).withHeaders(headers).build());
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
