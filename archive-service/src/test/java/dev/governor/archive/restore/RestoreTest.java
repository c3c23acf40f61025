package dev.governor.archive.restore;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.governor.archive.verify.ArchiveVerifier;
import dev.governor.archive.verify.PartitionReport;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicReader;
import dev.governor.testsupport.TopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores from the archive through the admin API, against the shared stack's Kafka and S3: a dry run counts
 * what a time range, partitions and offsets take; a restore writes exactly those records into the target
 * with their keys, values, headers and partitions and a {@code governor-restored-from} header, at its rate,
 * with its progress to the end; bad requests are problems a caller can fix.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,s3,oidc"))
class RestoreTest {

    static final String BOOTSTRAP = "127.0.0.1:" + Infrastructure.KAFKA.sharedPort();
    static final String SOURCE =
            "governor.archive-test.restore-" + UUID.randomUUID().toString().substring(0, 8);
    static final Instant EARLIER_HOUR =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
    static final Instant LATER_HOUR = EARLIER_HOUR.plus(1, ChronoUnit.HOURS);

    @Inject
    ArchiveVerifier verifier;

    /** 600 records over three partitions, half in each of two hours. */
    @BeforeAll
    static void archivedSource() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", BOOTSTRAP, "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            TopicWriter.create(admin, List.of(new NewTopic(SOURCE, 3, (short) 1)));
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                Instant time = (i < 300 ? EARLIER_HOUR : LATER_HOUR).plusSeconds(i);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        SOURCE, i % 3, time.toEpochMilli(), bytes("key-" + i), bytes("{\"n\":" + i + "}"));
                record.headers().add("ce_id", bytes("id-" + i));
                records.add(record);
            }
            TopicWriter.sendAll(producer, records);
        }
    }

    @Test
    void aDryRunCountsWhatARangeTakes() {
        awaitArchived();
        JsonPath plan = restore(Map.of(
                        "topic",
                        SOURCE,
                        "from",
                        LATER_HOUR.toString(),
                        "to",
                        LATER_HOUR.plus(1, ChronoUnit.HOURS).toString(),
                        "dryRun",
                        true))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(plan.getLong("records")).isEqualTo(300);
        assertThat(plan.getLong("bytes")).isPositive();
        assertThat(plan.getList("objects", String.class)).allMatch(k -> k.contains("/hour="));

        JsonPath cut = restore(Map.of(
                        "topic",
                        SOURCE,
                        "partitions",
                        List.of(1),
                        "fromOffset",
                        10,
                        "toOffset",
                        19,
                        "from",
                        EARLIER_HOUR.plusSeconds(40).toString(),
                        "dryRun",
                        true))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // partition 1 holds i = 1, 4, 7, … at offsets 0, 1, 2, …: offsets 10..19 are i = 31..58, from second 40 on
        assertThat(cut.getLong("records")).isEqualTo(7);
    }

    @Test
    void aRestoreWritesItsRecordsAsTheyWereIntoTheTarget() throws Exception {
        awaitArchived();
        String target = SOURCE + "-restored";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(target, 3, (short) 1)))
                    .all()
                    .get();
        }
        Response started = restore(Map.of("topic", SOURCE, "target", target, "ratePerSecond", 400));
        started.then().statusCode(202);
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).endsWith("/v1/admin/archive/restores/" + id);
        assertThat(started.jsonPath().getLong("records")).isEqualTo(600);

        JsonPath done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> operator().get("/v1/admin/archive/restores/" + id).jsonPath(),
                        j -> "DONE".equals(j.getString("state")));
        assertThat(done.getLong("recordsRestored")).isEqualTo(600);
        assertThat(done.getDouble("progress")).isEqualTo(1.0);
        assertThat(operator().get("/v1/admin/archive/restores").jsonPath().getList("id"))
                .contains(id);

        List<ConsumerRecord<String, String>> restored = new TopicReader(BOOTSTRAP).collect(target, r -> true);
        assertThat(restored).hasSize(600);
        for (ConsumerRecord<String, String> record : restored) {
            int n = Integer.parseInt(record.key().substring(4));
            assertThat(record.value()).isEqualTo("{\"n\":" + n + "}");
            assertThat(record.partition()).isEqualTo(n % 3);
            assertThat(header(record, "ce_id")).isEqualTo("id-" + n);
            assertThat(header(record, RestoredRecords.RESTORED_FROM)).startsWith(SOURCE + "/" + (n % 3) + "@");
        }
    }

    @Test
    void badRequestsAreProblemsACallerCanFix() {
        restore(Map.of("topic", SOURCE, "from", "2026-12-02T00:00:00Z", "to", "2026-12-01T00:00:00Z"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("from must be before to"));
        restore(Map.of("topic", SOURCE, "ratePerSecond", 0)).then().statusCode(400);
        restore(Map.of("topic", SOURCE, "target", "governor.archive-test.no-such-target"))
                .then()
                .statusCode(400)
                .body("detail", containsString("does not exist"));
        restore(Map.of("from", "yesterday")).then().statusCode(400).contentType("application/problem+json");
        operator()
                .get("/v1/admin/archive/restores/0c2a7a8e-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        operator().get("/v1/admin/archive/restores/..%2F..%2Fx").then().statusCode(404);
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .contentType("application/json")
                .body(Map.of("topic", SOURCE))
                .post("/v1/admin/archive/restores")
                .then()
                .statusCode(403);
    }

    /** Waits until S3 holds all 600 records, 200 a partition, and none waits; a timeout shows each partition. */
    private void awaitArchived() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(verifier.verify(Optional.of(SOURCE), false)
                                .topics()
                                .get(0)
                                .partitions())
                        .as("each partition's archived records, pending records, committed offset and end")
                        .extracting(
                                PartitionReport::records,
                                PartitionReport::pending,
                                PartitionReport::committed,
                                PartitionReport::topicEnd)
                        .containsOnly(tuple(200L, 0L, 200L, 200L)));
    }

    private static Response restore(Map<String, Object> body) {
        return operator()
                .contentType("application/json")
                .body(new HashMap<>(body))
                .post("/v1/admin/archive/restores");
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(CallerTokens.of("operator"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
