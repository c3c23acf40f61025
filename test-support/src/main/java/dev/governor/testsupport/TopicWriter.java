package dev.governor.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Writes a test's records to the real broker and makes sure the broker has every one of them. A test that
 * sends and forgets counts on records the broker may have refused: once, a fresh topic's partition kept only
 * its first batch, and a test waited a minute for records that were never written.
 */
public final class TopicWriter {

    private static final Duration ACKNOWLEDGEMENT = Duration.ofSeconds(30);

    private TopicWriter() {}

    /** Creates the topics and returns once every partition of each has a leader to take writes. */
    public static void create(Admin admin, List<NewTopic> topics) {
        try {
            admin.createTopics(topics).all().get(ACKNOWLEDGEMENT.toSeconds(), TimeUnit.SECONDS);
            List<String> names = topics.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + ACKNOWLEDGEMENT.toNanos();
            while (!everyPartitionLed(
                    admin.describeTopics(names).allTopicNames().get())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Partitions of " + names + " have no leader after " + ACKNOWLEDGEMENT);
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the records in their order and returns once the broker has acknowledged each; a record it
     * refused fails the test here, naming the record, instead of going missing.
     */
    public static <K, V> void sendAll(KafkaProducer<K, V> producer, List<ProducerRecord<K, V>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(ACKNOWLEDGEMENT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(
                        "The broker did not take record " + i + " of " + sent.size() + " ("
                                + records.get(i).topic() + ")",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean everyPartitionLed(Map<String, TopicDescription> descriptions) {
        return descriptions.values().stream()
                .flatMap(description -> description.partitions().stream())
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }
}
