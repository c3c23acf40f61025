package dev.governor.delivery.messaging;

import dev.governor.common.record.RecordWrite;
import dev.governor.delivery.config.Channels;
import dev.governor.delivery.writing.CollectionQueue;
import dev.governor.delivery.writing.PendingWrite;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes record writes from Kafka in batches — fresh ones from the records topic, and ones waiting for
 * another attempt from the three retry topics — and hands them to the {@link CollectionQueue}, which
 * writes each in the next call the limit guard grants and publishes what became of it as soon as its own
 * call has answered. A batch is acknowledged (its offsets committed, in order, by the throttled commit
 * strategy) only once every write in it is settled and its outcome, retry or dead letter is on Kafka: a
 * crash before that redelivers the batch, and the upsert by external id together with the write
 * sequencer makes the redelivery harmless. The next batch is fetched while earlier ones still wait for
 * calls, as long as the queue has room, so a write waits only for a call, never for another batch. A
 * retry tier's batch is queued once its writes are due. A record it cannot use (not a record write, or
 * without a CloudEvent id) goes to the dead-letter topic with the reason, rather than stopping the
 * channel or vanishing.
 */
@ApplicationScoped
public class RecordConsumer {

    private final CollectionQueue queue;
    private final SettlementPublisher settlements;

    public RecordConsumer(CollectionQueue queue, SettlementPublisher settlements) {
        this.queue = queue;
        this.settlements = settlements;
    }

    @Incoming(Channels.RECORDS)
    public Uni<Void> deliver(Message<List<RecordWrite>> batch) {
        return take(batch, false);
    }

    @Incoming(Channels.RETRY_1)
    public Uni<Void> retryFirst(Message<List<RecordWrite>> batch) {
        return take(batch, true);
    }

    @Incoming(Channels.RETRY_2)
    public Uni<Void> retrySecond(Message<List<RecordWrite>> batch) {
        return take(batch, true);
    }

    @Incoming(Channels.RETRY_3)
    public Uni<Void> retryThird(Message<List<RecordWrite>> batch) {
        return take(batch, true);
    }

    /**
     * Dead-letters what cannot be read, queues the rest — a retry tier's batch once the latest not-before
     * time in it has come (a non-blocking wait) — and acknowledges the batch once all of it is settled;
     * answers once the queue has room for the next batch.
     */
    private Uni<Void> take(Message<List<RecordWrite>> batch, boolean waitUntilDue) {
        ReadBatch read = read(records(batch));
        long due = 0;
        if (waitUntilDue) {
            for (PendingWrite write : read.pending()) {
                due = Math.max(due, DeliveryHeaders.retryNotBefore(write));
            }
        }
        long waitMillis = due - System.currentTimeMillis();
        Uni<Void> untilDue = waitMillis <= 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMillis));
        return settlements
                .deadLetterUnreadable(read.unreadable())
                .chain(() -> untilDue)
                .invoke(() -> queue.submit(read.pending()).subscribe().with(ignored -> batch.ack(), batch::nack))
                .chain(queue::room);
    }

    private static ConsumerRecords<String, RecordWrite> records(Message<List<RecordWrite>> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, RecordWrite> metadata = batch.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("A batch without its Kafka records"));
        return metadata.getRecords();
    }

    /** A batch as delivery can use it: the writes, and the records it cannot read (for the dead-letter topic). */
    private record ReadBatch(List<PendingWrite> pending, List<ConsumerRecord<String, RecordWrite>> unreadable) {}

    private static ReadBatch read(ConsumerRecords<String, RecordWrite> batch) {
        List<PendingWrite> pending = new ArrayList<>(batch.count());
        List<ConsumerRecord<String, RecordWrite>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, RecordWrite> record : batch) {
            DeliveryHeaders.pendingWrite(record).ifPresentOrElse(pending::add, () -> unreadable.add(record));
        }
        return new ReadBatch(pending, unreadable);
    }
}
