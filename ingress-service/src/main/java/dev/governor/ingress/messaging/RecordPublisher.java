package dev.governor.ingress.messaging;

import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordWrite;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Puts accepted record writes on the records topic as CloudEvents. The returned {@link Uni} completes
 * only once the broker has acknowledged the write ({@code acks=all}), and fails if it cannot: the
 * ingress answers 202 on the first and never on the second.
 */
@ApplicationScoped
public class RecordPublisher {

    /** The outgoing channel; its topic and producer settings are in application.properties. */
    public static final String CHANNEL = "records";

    private final MutinyEmitter<RecordWrite> records;

    public RecordPublisher(@Channel(CHANNEL) MutinyEmitter<RecordWrite> records) {
        this.records = records;
    }

    public Uni<Void> publish(RecordEnvelope envelope) {
        Message<RecordWrite> message = Message.of(envelope.write())
                .addMetadata(RecordCloudEvents.metadataOf(envelope))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(envelope.write().recordKey())
                        .build());
        return records.sendMessage(message);
    }
}
