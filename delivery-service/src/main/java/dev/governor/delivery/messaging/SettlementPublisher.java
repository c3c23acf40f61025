package dev.governor.delivery.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.json.Json;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.config.Channels;
import dev.governor.delivery.retry.RetrySchedule;
import dev.governor.delivery.writing.Settlement;
import dev.governor.delivery.writing.SettlementSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes each settled write's outcome on {@code governor.outcomes.v1}, each write that waits for
 * another attempt on its retry topic, and each dead letter, with its original headers and the reason,
 * on {@code governor.records.dlq.v1} (each before its outcome); completes once Kafka has them all.
 */
@ApplicationScoped
public class SettlementPublisher implements SettlementSink {

    private final MutinyEmitter<RecordOutcome> outcomes;
    private final MutinyEmitter<RecordWrite> retries;
    private final MutinyEmitter<RecordWrite> deadLetters;
    private final MutinyEmitter<byte[]> unreadable;
    private final ObjectMapper json;
    private final Counter unreadableCounter;
    private final RetrySchedule schedule;
    private final DeadLetterLedger ledger;
    private final Map<RecordOutcome.Status, Counter> settledCounters = new EnumMap<>(RecordOutcome.Status.class);

    /**
     * Writes settle a call at a time, but up to the queue's capacity (governor.delivery.queue-capacity) of them
     * and the retry tiers' batches may be sent before the producer has taken any of them.
     */
    static final int PENDING_SENDS = 16_384;

    public SettlementPublisher(
            @Channel(Channels.OUTCOMES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_SENDS)
                    MutinyEmitter<RecordOutcome> outcomes,
            @Channel(Channels.RETRIES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_SENDS)
                    MutinyEmitter<RecordWrite> retries,
            @Channel(Channels.DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_SENDS)
                    MutinyEmitter<RecordWrite> deadLetters,
            @Channel(Channels.UNREADABLE) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_SENDS)
                    MutinyEmitter<byte[]> unreadable,
            RetrySchedule schedule,
            DeadLetterLedger ledger,
            ObjectMapper json,
            MeterRegistry metrics) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.unreadable = unreadable;
        this.json = json;
        this.unreadableCounter = Counter.builder("governor_delivery_unreadable_records")
                .description("Records delivery could not read, put on the dead-letter topic as they came")
                .register(metrics);
        this.schedule = schedule;
        for (RecordOutcome.Status status : RecordOutcome.Status.values()) {
            settledCounters.put(
                    status,
                    Counter.builder("governor_delivery_records")
                            .tag("outcome", status.name().toLowerCase())
                            .description("Record writes settled by delivery, by outcome")
                            .register(metrics));
        }
    }

    @Override
    public Uni<Void> publish(List<Settlement> settled) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (Settlement settlement : settled) {
            settledCounters.get(settlement.outcome().status()).increment();
            // The outcome follows the write it reports on: a status that says RETRYING or DEAD_LETTERED
            // means the write is already in that topic, so whoever reads the status can find it there.
            Uni<Void> forwarded = settlement.retrying()
                    ? retries.sendMessage(retryMessage(settlement))
                    : settlement.deadLettered()
                            ? deadLetterOnce(settlement)
                            : Uni.createFrom().voidItem();
            sends.add(forwarded.chain(() -> outcomes.sendMessage(outcomeMessage(settlement))));
        }
        return sends.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> deadLetterOnce(Settlement settlement) {
        return ledger.holds(settlement.pending()).flatMap(held -> {
            if (held) {
                Log.infof(
                        "Write %s is on the dead-letter topic already (it was read twice); not adding it again",
                        settlement.pending().trackingId());
                return Uni.createFrom().voidItem();
            }
            return deadLetters
                    .sendMessage(deadLetterMessage(settlement))
                    .call(() -> ledger.remember(settlement.pending()));
        });
    }

    /**
     * Puts records delivery cannot use on the dead-letter topic with their key, headers and value (the original
     * bytes of one that failed to parse, the record write read from one without a CloudEvent id)
     * and the reason, so that one bad record neither stops the channel nor disappears.
     */
    public Uni<Void> deadLetterUnreadable(List<? extends ConsumerRecord<String, ?>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (ConsumerRecord<String, ?> record : records) {
            String reason = unreadableReason(record);
            Log.warnf(
                    "Dead-lettering an unreadable record at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), reason);
            unreadableCounter.increment();
            byte[] original = DeliveryHeaders.undeserializedValue(record);
            if (original == null && record.value() != null) {
                original = Json.writeBytes(json, record.value());
            }
            RecordHeaders headers = DeliveryHeaders.unreadable(record, reason);
            sends.add(unreadable.sendMessage(Message.of(original == null ? new byte[0] : original)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(record.key())
                            .withHeaders(headers)
                            .build())));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static String unreadableReason(ConsumerRecord<String, ?> record) {
        return DeliveryHeaders.deserializationFailure(record)
                .map(text ->
                        "not a record write (" + (text.length() > 300 ? text.substring(0, 300) + "..." : text) + ")")
                .orElse(record.value() == null ? "no value" : "no CloudEvent id (" + GovernorHeaders.CE_ID + ")");
    }

    private static Message<RecordOutcome> outcomeMessage(Settlement settlement) {
        RecordWrite write = settlement.pending().write();
        return Message.of(settlement.outcome())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withSource(URI.create("/delivery"))
                        .withType(RecordOutcome.TYPE)
                        .withSubject(write.recordKey())
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(write.recordKey())
                        .build());
    }

    private Message<RecordWrite> retryMessage(Settlement settlement) {
        RecordHeaders headers = DeliveryHeaders.retry(settlement);
        RecordWrite write = settlement.pending().write();
        return Message.of(write)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(schedule.topicOfTier(settlement.retryAt().tier()))
                        .withKey(write.recordKey())
                        .withHeaders(headers)
                        .build());
    }

    private static Message<RecordWrite> deadLetterMessage(Settlement settlement) {
        RecordHeaders headers = DeliveryHeaders.deadLetter(settlement);
        RecordWrite write = settlement.pending().write();
        return Message.of(write)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(write.recordKey())
                        .withHeaders(headers)
                        .build());
    }
}
