package dev.governor.archive.archiving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchivedRecord;
import dev.governor.archive.storage.ArchivedObjects;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The topic archive against the shared stack's Kafka and S3: mixed records (JSON and binary values, headers,
 * records without a key, tombstones, committed and aborted transactions) end in S3 once each, committed
 * ones only, in Hive-style objects whose every record equals the topic's; {@code archive verify} says so,
 * and only an operator may ask it.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,s3,oidc"))
class TopicArchiveTest {

    static final String BOOTSTRAP = "127.0.0.1:" + Infrastructure.KAFKA.sharedPort();

    @Inject
    ArchivedObjects objects;

    @Inject
    S3AsyncClient s3;

    @ConfigProperty(name = "governor.s3.bucket")
    String bucket;

    @Test
    void mixedRecordsAreArchivedOnceEachAndEqualTheTopic() throws Exception {
        String topic = "governor.archive-test." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            TopicWriter.create(admin, List.of(new NewTopic(topic, 3, (short) 1)));
        }
        int committed = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(topic, i % 3, i % 10 == 0 ? null : bytes("key-" + (i % 37)), value(i));
                record.headers().add("ce_id", bytes("id-" + i));
                if (i % 4 == 0) {
                    record.headers().add("binary", new byte[] {(byte) 0xc3, (byte) 0x28, (byte) i});
                }
                records.add(record);
                committed++;
            }
            TopicWriter.sendAll(producer, records);
        }
        try (KafkaProducer<byte[], byte[]> transactional = producer("archive-test-" + topic)) {
            transactional.initTransactions();
            transactional.beginTransaction();
            for (int i = 0; i < 30; i++) {
                transactional.send(new ProducerRecord<>(topic, i % 3, bytes("aborted-" + i), bytes("never")));
            }
            transactional.abortTransaction();
            transactional.beginTransaction();
            for (int i = 0; i < 30; i++) {
                transactional.send(
                        new ProducerRecord<>(topic, i % 3, bytes("committed-" + i), bytes("{\"n\":" + i + "}")));
                committed++;
            }
            transactional.commitTransaction();
        }
        int expected = committed;

        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    last.set(verify(topic, false));
                    assertThat(last.get().getLong("topics[0].partitions.collect { it.records }.sum()"))
                            .as(last.get().prettify())
                            .isEqualTo(expected);
                    assertThat(last.get().getInt("topics[0].partitions.collect { it.pending }.sum()"))
                            .isZero();
                });
        JsonPath report = last.get();
        assertThat(report.getBoolean("ok")).as(report.prettify()).isTrue();
        assertThat(report.getList("topics[0].partitions.holes.flatten()")).isEmpty();
        assertThat(report.getList("topics[0].partitions.overlaps.flatten()")).isEmpty();

        JsonPath deep = verify(topic, true);
        assertThat(deep.getBoolean("ok")).as(deep.prettify()).isTrue();
        assertThat(deep.getLong("topics[0].partitions.collect { it.compared }.sum()"))
                .isEqualTo(expected);

        List<ArchiveKey> keys = objects.list("archive", topic).get();
        assertThat(keys)
                .isNotEmpty()
                .allSatisfy(key -> assertThat(key.key())
                        .matches("archive/" + java.util.regex.Pattern.quote(topic)
                                + "/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/partition=[0-2]/"
                                + ".+\\+[0-2]\\+\\d{20}\\.jsonl\\.gz"));
        List<ArchivedRecord> archived = new ArrayList<>();
        keys.forEach(key -> objects.read(key, archived::add));
        assertThat(archived).hasSize(expected);
        assertThat(archived)
                .noneMatch(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith("aborted-"));
        assertThat(archived).filteredOn(r -> r.key() == null).hasSize(90);
        assertThat(archived).filteredOn(r -> r.value() == null).isNotEmpty();
    }

    @Test
    void anObjectLargerThanAPartGoesUpInPartsAndKeepsItsFacts() throws Exception {
        String topic =
                "governor.archive-test.large-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            TopicWriter.create(admin, List.of(new NewTopic(topic, 1, (short) 1)));
        }
        Random random = new Random(42);
        int count = 9000;
        try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] noise = new byte[900];
                random.nextBytes(noise);
                records.add(new ProducerRecord<>(
                        topic, bytes("k" + i), bytes(Base64.getEncoder().encodeToString(noise))));
            }
            TopicWriter.sendAll(producer, records);
        }

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> verify(topic, false).getLong("topics[0].partitions[0].records") == count);
        JsonPath deep = verify(topic, true);
        assertThat(deep.getBoolean("ok")).as(deep.prettify()).isTrue();
        assertThat(deep.getLong("topics[0].partitions[0].compared")).isEqualTo(count);
        long largest = 0;
        for (ArchiveKey key : objects.list("archive", topic).get()) {
            largest = Math.max(
                    largest,
                    s3.headObject(b -> b.bucket(bucket).key(key.key())).join().contentLength());
        }
        assertThat(largest).as("the largest object's size").isGreaterThan(5L * 1024 * 1024);
    }

    @Test
    void onlyAnOperatorMayVerify() {
        given().get("/v1/admin/archive/verify").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .get("/v1/admin/archive/verify")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(CallerTokens.of("operator"))
                .queryParam("topic", "governor.archive-test.no-such-topic")
                .get("/v1/admin/archive/verify")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static JsonPath verify(String topic, boolean content) {
        return given().auth()
                .oauth2(CallerTokens.of("operator"))
                .queryParam("topic", topic)
                .queryParam("content", content)
                .get("/v1/admin/archive/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Every seventh a tombstone, every fifth binary, the rest JSON. */
    private static byte[] value(int i) {
        if (i % 7 == 0) {
            return null;
        }
        if (i % 5 == 0) {
            return new byte[] {(byte) 0xff, (byte) 0xfe, (byte) i, 0};
        }
        return bytes("{\"sobject\":\"Account\",\"externalId\":\"ACME-" + i + "\",\"fields\":{\"Name\":\"Acme " + i
                + "\",\"Note\":\"ünïcödé ✓\"}}");
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
