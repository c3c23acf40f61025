package dev.governor.delivery.messaging;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.writing.CollectionWriter;
import dev.governor.delivery.writing.PendingWrite;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes record writes from Kafka in batches — fresh ones from the records topic, and ones waiting for
 * another attempt from the three retry topics — writes them to Salesforce, and publishes what became of
 * each as soon as its own collection call has answered. A batch is acknowledged (its offsets committed) only once every write in it is settled and its
 * outcome, retry or dead letter is on Kafka: a crash before that redelivers the batch, and the upsert by
 * external id together with the write sequencer makes the redelivery harmless. Each channel handles one
 * batch at a time, so a retry tier waiting for its head never holds up fresh records. A record it cannot
 * use (not a record write, or without a CloudEvent id) goes to the dead-letter topic with the reason,
 * rather than stopping the channel or vanishing.
 */
@ApplicationScoped
public class RecordConsumer {

    private final CollectionWriter writer;
    private final SettlementPublisher settlements;

    public RecordConsumer(CollectionWriter writer, SettlementPublisher settlements) {
        this.writer = writer;
        this.settlements = settlements;
    }

    @Incoming("records")
    public Uni<Void> deliver(ConsumerRecords<String, RecordWrite> batch) {
        ReadBatch read = read(batch);
        return settlements.deadLetterUnreadable(read.unreadable()).flatMap(ignored -> deliverNow(read.pending()));
    }

    @Incoming("retry-1")
    public Uni<Void> retryFirst(ConsumerRecords<String, RecordWrite> batch) {
        return retry(batch);
    }

    @Incoming("retry-2")
    public Uni<Void> retrySecond(ConsumerRecords<String, RecordWrite> batch) {
        return retry(batch);
    }

    @Incoming("retry-3")
    public Uni<Void> retryThird(ConsumerRecords<String, RecordWrite> batch) {
        return retry(batch);
    }

    private Uni<Void> retry(ConsumerRecords<String, RecordWrite> batch) {
        ReadBatch read = read(batch);
        return settlements.deadLetterUnreadable(read.unreadable()).flatMap(ignored -> deliverWhenDue(read.pending()));
    }

    private Uni<Void> deliverNow(List<PendingWrite> pending) {
        return pending.isEmpty() ? Uni.createFrom().voidItem() : writer.write(pending, settlements::publish);
    }

    /** Waits (without holding a thread) until the latest not-before time in the batch, then writes it. */
    private Uni<Void> deliverWhenDue(List<PendingWrite> pending) {
        long due = 0;
        for (PendingWrite write : pending) {
            due = Math.max(due, longHeader(write.headers(), GovernorHeaders.RETRY_NOT_BEFORE, 0));
        }
        long wait = due - System.currentTimeMillis();
        if (wait <= 0) {
            return deliverNow(pending);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(wait)).flatMap(ignored -> deliverNow(pending));
    }

    /** A batch as delivery can use it: the writes, and the records it cannot read (for the dead-letter topic). */
    private record ReadBatch(List<PendingWrite> pending, List<ConsumerRecord<String, RecordWrite>> unreadable) {
    }

    private static ReadBatch read(ConsumerRecords<String, RecordWrite> batch) {
        List<PendingWrite> pending = new ArrayList<>(batch.count());
        List<ConsumerRecord<String, RecordWrite>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, RecordWrite> record : batch) {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value());
            }
            byte[] id = headers.get(GovernorHeaders.CE_ID);
            if (record.value() == null || id == null) {
                unreadable.add(record);
                continue;
            }
            long version = longHeader(headers, GovernorHeaders.RECORD_VERSION, -1);
            if (version < 0) {
                if (!Topics.RECORDS.equals(record.topic())) {
                    Log.warnf("A retry without a record version at %s-%d@%d; taking its offset", record.topic(), record.partition(),
                            record.offset());
                }
                version = record.offset();
            }
            int attempt = (int) longHeader(headers, GovernorHeaders.ATTEMPT, 1);
            pending.add(new PendingWrite(new String(id, StandardCharsets.UTF_8), record.value(), headers, version, attempt));
        }
        return new ReadBatch(pending, unreadable);
    }

    private static long longHeader(Map<String, byte[]> headers, String name, long fallback) {
        byte[] value = headers.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
