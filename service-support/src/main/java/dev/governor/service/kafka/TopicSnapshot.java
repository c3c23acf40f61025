package dev.governor.service.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic read from its beginning to the end it has now, for admin APIs that list what is on it (dead
 * letters): a consumer of its own that joins no group and commits nothing, each record named by its
 * {@code partition-offset} id. Blocking; call it from a worker thread.
 */
public final class TopicSnapshot {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_LIMIT = Duration.ofSeconds(20);

    private TopicSnapshot() {}

    /** The id an admin API names a record by: {@code partition-offset}. */
    public static String id(ConsumerRecord<?, ?> record) {
        return record.partition() + "-" + record.offset();
    }

    /**
     * Records in topic order (partition by partition) whose id is wanted, up to {@code limit}. {@code kafka}
     * is the service's Kafka client configuration (Quarkus' {@code default-kafka-broker}: the servers and any
     * security settings, SASL or TLS, that the cluster requires).
     */
    public static List<ConsumerRecord<String, byte[]>> read(
            Map<String, Object> kafka, String clientId, String topic, Predicate<String> wantedId, int limit) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        if (limit > 0) {
            scan(kafka, clientId, topic, record -> {
                if (wantedId.test(id(record))) {
                    found.add(record);
                }
                return found.size() < limit;
            });
        }
        return found;
    }

    /**
     * How many records whose id is wanted the topic holds, counting up to {@code cap}: what a list of them
     * would hold, without keeping them (the console's figure of dead letters not yet replayed).
     */
    public static long count(
            Map<String, Object> kafka, String clientId, String topic, Predicate<String> wantedId, long cap) {
        long[] counted = {0};
        if (cap > 0) {
            scan(kafka, clientId, topic, record -> {
                if (wantedId.test(id(record))) {
                    counted[0]++;
                }
                return counted[0] < cap;
            });
        }
        return counted[0];
    }

    /**
     * Hands each record, in topic order up to the end the topic has now, to {@code visit} until it answers
     * false, the topic's end is reached, or the read limit passes: for a reader that keeps only what it needs.
     */
    public static void scan(
            Map<String, Object> kafka, String clientId, String topic, Predicate<ConsumerRecord<String, byte[]>> visit) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group: nothing is committed
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() == 0);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            boolean more = true;
            while (!end.isEmpty() && more && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (more && record.offset() < end.getOrDefault(partition, 0L)) {
                        more = visit.test(record);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }

    /** Each topic's records so far: the sum of its partitions' end offsets (a topic that does not exist: 0). */
    public static Map<String, Long> ends(Map<String, Object> kafka, String clientId, Collection<String> topics) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        Map<String, Long> ends = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                ends.put(topic, 0L);
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.endOffsets(partitions, Duration.ofSeconds(10))
                    .forEach((partition, end) -> ends.merge(partition.topic(), end, Long::sum));
        }
        return ends;
    }

    /**
     * Whether a record written at or after {@code since} (by its timestamp, every partition) matches: for
     * checking that a write whose acknowledgement was lost to a crash reached the topic after all.
     */
    public static boolean anySince(
            Map<String, Object> kafka,
            String clientId,
            String topic,
            Instant since,
            Predicate<ConsumerRecord<String, byte[]>> matching) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> at = new HashMap<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> at.put(new TopicPartition(p.topic(), p.partition()), since.toEpochMilli()));
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(at.keySet()));
            consumer.assign(at.keySet());
            consumer.offsetsForTimes(at).forEach((partition, found) -> {
                if (found == null) {
                    end.remove(partition); // nothing written since then
                } else {
                    consumer.seek(partition, found.offset());
                }
            });
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in " + READ_LIMIT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (matching.test(record)) {
                        return true;
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return false;
        }
    }
}
