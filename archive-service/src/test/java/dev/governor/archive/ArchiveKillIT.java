package dev.governor.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.TopicReader;
import dev.governor.testsupport.TopicWriter;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archive process killed (SIGKILL) twice under a steady stream of mixed records and started again:
 * {@code archive verify} then finds every record in S3 once — no hole, no overlap — and every archived
 * record equal to the topic's, although objects were in flight and offsets uncommitted when it died.
 */
@NeedsStack
class ArchiveKillIT {

    static final String TOPIC = "governor.kill-test.v1";

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(Infrastructure.KAFKA, Infrastructure.S3, Infrastructure.OIDC, Infrastructure.ARCHIVE),
            Map.of(
                    "GOVERNOR_ARCHIVE_ROLL_MAX_RECORDS", "700",
                    "GOVERNOR_ARCHIVE_ROLL_MAX_OPEN", "2S",
                    "GOVERNOR_ARCHIVE_TOPIC_REFRESH", "1S",
                    "GOVERNOR_ARCHIVE_SESSION_TIMEOUT", "6S",
                    "GOVERNOR_ARCHIVE_RESTORE_HEARTBEAT", "1S",
                    "GOVERNOR_ARCHIVE_RESTORE_STALE_AFTER", "4S",
                    "GOVERNOR_ARCHIVE_RESTORE_SCAN_EVERY", "1S"));

    @Test
    void aKilledArchiveLeavesNoHoleNoOverlapAndNoObjectThatDiffersFromTheTopic() throws Exception {
        String bootstrap = "127.0.0.1:" + stack.port(Infrastructure.KAFKA);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        AtomicBoolean sending = new AtomicBoolean(true);
        CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> steadily(bootstrap, sending));
        Thread.sleep(4000);
        stack.kill(Infrastructure.ARCHIVE);
        Thread.sleep(1000);
        stack.up(Infrastructure.ARCHIVE);
        Thread.sleep(3000);
        stack.kill(Infrastructure.ARCHIVE);
        stack.up(Infrastructure.ARCHIVE);
        Thread.sleep(3000);
        sending.set(false);
        int count = sent.get();

        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    last.set(verify(false));
                    assertThat(last.get().getLong("topics[0].partitions.collect { it.records }.sum()"))
                            .as(last.get().prettify())
                            .isEqualTo(count);
                    assertThat(last.get().getLong("topics[0].partitions.collect { it.pending }.sum()"))
                            .isZero();
                });
        JsonPath deep = verify(true);
        System.out.printf(
                "archive kill: %d records sent, %d objects, %d records compared with the topic%n",
                count,
                deep.getInt("topics[0].partitions.collect { it.objects }.sum()"),
                deep.getLong("topics[0].partitions.collect { it.compared }.sum()"));
        assertThat(deep.getBoolean("ok")).as(deep.prettify()).isTrue();
        assertThat(deep.getList("topics[0].partitions.holes.flatten()")).isEmpty();
        assertThat(deep.getList("topics[0].partitions.overlaps.flatten()")).isEmpty();
        assertThat(deep.getLong("topics[0].partitions.collect { it.compared }.sum()"))
                .isEqualTo(count);
    }

    @Test
    void aRestoreWhoseArchiveWasKilledIsTakenOverAndEndsWithEveryRecord() throws Exception {
        String bootstrap = "127.0.0.1:" + stack.port(Infrastructure.KAFKA);
        String source = "governor.kill-test.restore-source";
        String target = "governor.kill-test.restore-target";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            TopicWriter.create(admin, List.of(new NewTopic(source, 2, (short) 1), new NewTopic(target, 2, (short) 1)));
            List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                records.add(new ProducerRecord<>(source, bytes("r-" + i), bytes("{\"n\":" + i + "}")));
            }
            TopicWriter.sendAll(producer, records);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        verify(source, false).getLong("topics[0].partitions.collect { it.records }.sum()") == 3000);

        JsonPath started = admin().contentType("application/json")
                .body(Map.of("topic", source, "target", target, "ratePerSecond", 300))
                .post(archive() + "/v1/admin/archive/restores")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath();
        String id = started.getString("id");
        Thread.sleep(3000);
        stack.kill(Infrastructure.ARCHIVE);
        stack.up(Infrastructure.ARCHIVE);

        JsonPath done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> admin().get(archive() + "/v1/admin/archive/restores/" + id)
                                .jsonPath(),
                        j -> "DONE".equals(j.getString("state")));
        assertThat(done.getString("owner")).as("taken over").isNotEqualTo(started.getString("owner"));
        List<ConsumerRecord<String, String>> restored = new TopicReader(bootstrap).collect(target, r -> true);
        Set<String> keys = new HashSet<>();
        restored.forEach(r -> keys.add(r.key()));
        System.out.printf(
                "restore kill: 3000 records restored as %d (%d written again after the take-over)%n",
                restored.size(), restored.size() - 3000);
        assertThat(keys).hasSize(3000);
        assertThat(restored.size() - 3000)
                .as("written again: at most the object in progress")
                .isLessThanOrEqualTo(700);
    }

    private static JsonPath verify(boolean content) {
        return verify(TOPIC, content);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(CallerTokens.of("operator", stack));
    }

    private static String archive() {
        return "http://127.0.0.1:" + stack.port(Infrastructure.ARCHIVE);
    }

    private static JsonPath verify(String topic, boolean content) {
        return given().auth()
                .oauth2(CallerTokens.of("operator", stack))
                .queryParam("topic", topic)
                .queryParam("content", content)
                .get("http://127.0.0.1:" + stack.port(Infrastructure.ARCHIVE) + "/v1/admin/archive/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** About 2,000 mixed records a second (JSON, binary, tombstones, with and without keys) until told to stop. */
    private static int steadily(String bootstrap, AtomicBoolean sending) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "5"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            int i = 0;
            while (sending.get()) {
                byte[] key = i % 11 == 0 ? null : bytes("account:external_id__c:acme-" + (i % 97));
                byte[] value = i % 13 == 0
                        ? null
                        : i % 5 == 0
                                ? new byte[] {(byte) 0xfe, (byte) i, 0}
                                : bytes("{\"sobject\":\"Account\",\"fields\":{\"Name\":\"Acme " + i + "\"}}");
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, key, value);
                record.headers().add("ce_id", bytes("id-" + i));
                producer.send(record);
                i++;
                if (i % 100 == 0) {
                    Thread.sleep(50);
                }
            }
            producer.flush();
            return i;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
