package dev.governor.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real broker from the beginning, without a consumer group, the way an operator
 * would inspect it. Tests use it to see exactly what a service put on the wire.
 */
public final class TopicReader {

    private final String bootstrapServers;
    private final Map<String, ?> clientSettings;

    public TopicReader(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** With the client settings a secured broker asks for: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}. */
    public TopicReader(String bootstrapServers, Map<String, ?> clientSettings) {
        this.bootstrapServers = bootstrapServers;
        this.clientSettings = Map.copyOf(clientSettings);
    }

    /** A reader for the shared local stack's broker. */
    public static TopicReader sharedStack() {
        return new TopicReader("127.0.0.1:" + Infrastructure.KAFKA.sharedPort());
    }

    /** The first record of the topic that matches, waiting for it up to the timeout. */
    public Optional<ConsumerRecord<String, String>> find(
            String topic, Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Every record of the topic that matches, read up to the end of each partition as it is now. Records
     * a service acknowledged before this call are all there: acknowledged means in the log.
     */
    public List<ConsumerRecord<String, String>> collect(
            String topic, Predicate<ConsumerRecord<String, String>> matching) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && matching.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }
}
