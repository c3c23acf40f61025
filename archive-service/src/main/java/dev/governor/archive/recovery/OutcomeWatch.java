package dev.governor.archive.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Delivery's outcomes topic read from a point on, without a consumer group: what became of the writes a
 * restore published after that point. Blocking; one per restore, closed with it.
 */
final class OutcomeWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ObjectMapper json;
    private final List<TopicPartition> partitions;

    OutcomeWatch(Map<String, Object> connection, ObjectMapper json) {
        connection.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        connection.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        connection.put(ConsumerConfig.CLIENT_ID_CONFIG, "governor-archive-org-restore");
        this.consumer = new KafkaConsumer<>(connection, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.json = json;
        this.partitions = consumer.partitionsFor(Topics.OUTCOMES, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
    }

    /** Starts reading at the topic's end now: the outcomes of writes published from here on. */
    void fromNow() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the positions before anything is published
    }

    /** Hands every outcome read within {@code wait} to {@code outcomes}; outcomes it cannot read are skipped. */
    void poll(Duration wait, Consumer<RecordOutcome> outcomes) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            if (record.value() == null) {
                continue;
            }
            try {
                outcomes.accept(json.readValue(record.value(), RecordOutcome.class));
            } catch (IOException e) {
                // not an outcome this restore wrote; delivery's own readers skip it too
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
