package dev.governor.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.archive.archiving.TopicArchiver;
import dev.governor.archive.verify.ArchiveVerifier;
import dev.governor.archive.verify.PartitionReport;
import dev.governor.archive.verify.VerifyReport;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LinkLossContract;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.Readiness;
import dev.governor.testsupport.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Stops archiving while Kafka or the object store is away and recovers on its own when they return; with
 * S3 gone, consumption pauses and no offset moves, and once S3 is back everything written meanwhile is
 * archived, once.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(value = PrivateStackResource.class, initArgs = @ResourceArg(name = "components", value = "kafka,s3"))
class ArchiveLinkLossTest extends LinkLossContract {

    @Inject
    ArchiveVerifier verifier;

    @Inject
    TopicArchiver archiver;

    ArchiveLinkLossTest() {
        super(Infrastructure.S3, Infrastructure.KAFKA);
    }

    @Test
    void withS3GoneTheArchivePausesCommitsNothingAndCatchesUpWhenItReturns() throws Exception {
        Readiness.awaitStatus(management, 200, Duration.ofSeconds(60));
        String topic =
                "governor.archive-test.outage-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = "127.0.0.1:" + stack.port(Infrastructure.KAFKA);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            TopicWriter.create(admin, List.of(new NewTopic(topic, 2, (short) 1)));
            send(producer, topic, 0, 200);
            awaitArchived(topic, 200);

            stack.down(Infrastructure.S3);
            send(producer, topic, 200, 300);
            Readiness.awaitStatus(management, 503, Duration.ofSeconds(30));
            Readiness.awaitCheck(management, "archive uploads", "DOWN", Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(archiver::paused);
            Map<TopicPartition, OffsetAndMetadata> during = committed(admin);
            Thread.sleep(5000);
            assertThat(committed(admin)).as("offsets while S3 is down").isEqualTo(during);
            assertThat(during.values().stream()
                            .mapToLong(OffsetAndMetadata::offset)
                            .sum())
                    .isEqualTo(200);

            stack.up(Infrastructure.S3);
            Readiness.awaitStatus(management, 200, Duration.ofSeconds(60));
            awaitArchived(topic, 500);
            VerifyReport deep = verifier.verify(Optional.of(topic), true);
            assertThat(deep.ok()).as(deep.toString()).isTrue();
            assertThat(deep.topics().get(0).partitions().stream()
                            .mapToLong(PartitionReport::compared)
                            .sum())
                    .isEqualTo(500);
            assertThat(archiver.paused()).isFalse();
        }
    }

    private void awaitArchived(String topic, long records) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    VerifyReport report = verifier.verify(Optional.of(topic), false);
                    List<PartitionReport> partitions = report.topics().get(0).partitions();
                    assertThat(partitions.stream()
                                    .mapToLong(PartitionReport::records)
                                    .sum())
                            .as(report.toString())
                            .isEqualTo(records);
                    assertThat(partitions.stream()
                                    .mapToLong(PartitionReport::pending)
                                    .sum())
                            .isZero();
                    assertThat(report.ok()).as(report.toString()).isTrue();
                });
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets("governor-archive-test")
                .partitionsToOffsetAndMetadata()
                .get();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, int from, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(new ProducerRecord<>(topic, i % 2, bytes("k" + i), bytes("{\"n\":" + i + "}")));
        }
        TopicWriter.sendAll(producer, records);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
