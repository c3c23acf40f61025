package dev.governor.eventbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.eventbridge.config.BridgeConfig;
import dev.governor.service.kafka.KafkaSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The replay-id checkpoints, in a compacted Kafka topic keyed by subscription. They are written by the
 * relay inside the transaction that writes the events, so a checkpoint is committed exactly when the
 * events before it are; reading with {@code read_committed} gives the position to resume from after any
 * crash. Blocking: called from a relay's own thread, never the event loop.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final BridgeConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper json;

    public Checkpoints(
            BridgeConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.config = config;
        this.kafka = kafka;
        this.json = json;
    }

    /** Creates the compacted checkpoint topic if it is not there. */
    public void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(KafkaSettings.connection(kafka))) {
            NewTopic topic = new NewTopic(config.checkpointTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + config.checkpointTopic(), e.getCause());
            }
        }
    }

    /** The last committed checkpoint of the subscription, if it ever committed one. */
    public Optional<Checkpoint> latest(String subscription) {
        return Optional.ofNullable(readAll().get(subscription));
    }

    /** Every subscription's last committed checkpoint. */
    public Map<String, Checkpoint> readAll() {
        Properties properties = new Properties();
        properties.putAll(KafkaSettings.connection(kafka));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Checkpoint> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(config.checkpointTopic(), READ_TIMEOUT)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Reading " + config.checkpointTopic() + " took over " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), parse(record.key(), record.value()));
                    }
                }
            }
        }
        return latest;
    }

    /** The checkpoint record a relay adds to its transaction. */
    public ProducerRecord<String, byte[]> record(String subscription, String channel, byte[] replayId, Instant at) {
        ObjectNode value = json.createObjectNode()
                .put("subscription", subscription)
                .put("channel", channel)
                .put("replayId", Base64.getEncoder().encodeToString(replayId))
                .put("committedAt", at.toString());
        try {
            return new ProducerRecord<>(config.checkpointTopic(), subscription, json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Checkpoint parse(String subscription, byte[] value) {
        try {
            JsonNode node = json.readTree(value);
            return new Checkpoint(
                    subscription,
                    node.path("channel").asText(),
                    Base64.getDecoder().decode(node.path("replayId").asText()),
                    Instant.parse(node.path("committedAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Checkpoint of " + subscription + " is not readable", e);
        }
    }
}
