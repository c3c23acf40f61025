package dev.governor.service.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records wait for consumer groups: each partition's end offset less the group's committed offset
 * (from the start when it committed none), summed. What every replica of a service shares, asked of the
 * broker. Blocking; call it from a worker thread.
 */
public final class ConsumerBacklog {

    private static final long TIMEOUT_SECONDS = 10;

    private ConsumerBacklog() {}

    /** @param topicsByGroup the topics each consumer group reads */
    public static long of(Map<String, Object> kafka, Map<String, List<String>> topicsByGroup) {
        try (Admin admin = Admin.create(KafkaSettings.connection(kafka))) {
            long waiting = 0;
            for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(group.getValue())
                        .allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .forEach((topic, description) -> description
                                .partitions()
                                .forEach(p ->
                                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                                Map.of(group.getKey(), new ListConsumerGroupOffsetsSpec()))
                        .partitionsToOffsetAndMetadata(group.getKey())
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, Long> starts = new HashMap<>();
                admin.listOffsets(latest.keySet().stream()
                                .collect(java.util.stream.Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .forEach((partition, info) -> starts.put(partition, info.offset()));
                for (var end : admin.listOffsets(latest)
                        .all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    long from = at == null ? starts.getOrDefault(end.getKey(), 0L) : at.offset();
                    waiting += Math.max(0, end.getValue().offset() - from);
                }
            }
            return waiting;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not say how many records wait: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
