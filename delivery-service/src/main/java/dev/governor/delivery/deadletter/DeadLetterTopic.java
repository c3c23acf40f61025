package dev.governor.delivery.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.messaging.DeliveryHeaders;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the dead-letter topic for the admin API: from the beginning to the end it has now, with a
 * consumer of its own that joins no group and commits nothing. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(20);

    private final String bootstrapServers;
    private final ObjectMapper json;

    public DeadLetterTopic(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.json = json;
    }

    /** A dead letter as it sits on the topic: where, its write and its headers. */
    public record Entry(String id, RecordWrite write, Map<String, byte[]> headers, long timestamp) {

        public String header(String name) {
            byte[] value = headers.get(name);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        public DeadLetter view(boolean replayed) {
            String fields = header(GovernorHeaders.ERROR_FIELDS);
            String attempts = header(GovernorHeaders.ATTEMPTS);
            return new DeadLetter(
                    id,
                    header(GovernorHeaders.CE_ID),
                    write.sobject(),
                    write.externalIdField(),
                    write.externalId(),
                    header(GovernorHeaders.ERROR_CODE),
                    header(GovernorHeaders.DEAD_LETTER_REASON),
                    fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.split(",")),
                    attempts == null ? null : Integer.valueOf(attempts),
                    Instant.ofEpochMilli(timestamp),
                    replayed);
        }
    }

    /** Entries in topic order (partition by partition) that match, up to {@code limit}. */
    public List<Entry> read(Predicate<String> wantedId, int limit) {
        List<Entry> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.RECORDS_DEAD_LETTER, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!end.isEmpty() && found.size() < limit && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    String id = record.partition() + "-" + record.offset();
                    if (found.size() < limit
                            && record.offset() < end.getOrDefault(partition, 0L)
                            && wantedId.test(id)) {
                        entry(id, record).ifPresent(found::add);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return found;
    }

    private Optional<Entry> entry(String id, ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = DeliveryHeaders.mapOf(record.headers());
        try {
            return Optional.of(
                    new Entry(id, json.readValue(record.value(), RecordWrite.class), headers, record.timestamp()));
        } catch (IOException | RuntimeException e) {
            Log.warnf("Dead letter %s is unreadable and left out: %s", id, e.getMessage());
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "governor-delivery-dead-letter-reader");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
