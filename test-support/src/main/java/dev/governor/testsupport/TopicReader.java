package dev.governor.testsupport;

import java.time.Duration;
import java.util.List;
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

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A reader for the shared local stack's broker. */
    public static TopicReader sharedStack() {
        return new TopicReader("127.0.0.1:" + Infrastructure.KAFKA.sharedPort());
    }

    /** The first record of the topic that matches, waiting for it up to the timeout. */
    public Optional<ConsumerRecord<String, String>> find(String topic, Predicate<ConsumerRecord<String, String>> matching,
            Duration timeout) {
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

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return properties;
    }
}
