package dev.governor.eventbridge.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Salesforce events into Kafka through the real simulator's Pub/Sub API and the real broker: Platform
 * Events and change events relayed once each, in replay order, as CloudEvents with the decoded payload
 * (bitmaps as field names), the checkpoint committed with them, and a restarted relay resuming after it
 * with nothing doubled.
 */
@NeedsStack
@QuarkusTest
@TestProfile(InboundRelayTest.Subscriptions.class)
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator"))
class InboundRelayTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String EVENTS = "governor.sf.events.test-" + RUN;
    static final String CHANGES = "governor.sf.changes.test-" + RUN;
    static final String SIMULATOR = "http://127.0.0.1:" + Infrastructure.SIMULATOR.sharedPort();
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Two subscriptions of their own (fresh checkpoints) from EARLIEST: the shared org has history, which
     * comes along and is told apart by this run's names.
     */
    public static class Subscriptions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "governor.bridge.subscriptions.orders-" + RUN + ".channel",
                    "/event/Order_Event__e",
                    "governor.bridge.subscriptions.orders-" + RUN + ".topic",
                    EVENTS,
                    "governor.bridge.subscriptions.orders-" + RUN + ".start",
                    "EARLIEST",
                    "governor.bridge.subscriptions.accounts-" + RUN + ".channel",
                    "/data/AccountChangeEvent",
                    "governor.bridge.subscriptions.accounts-" + RUN + ".topic",
                    CHANGES,
                    "governor.bridge.subscriptions.accounts-" + RUN + ".start",
                    "EARLIEST",
                    "quarkus.oidc-client.salesforce.client-enabled",
                    "true");
        }
    }

    @Inject
    InboundRelays relays;

    @Test
    void platformEventsArriveOnceInReplayOrderAndARestartResumesAfterTheCheckpoint() throws Exception {
        String token = token();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish(token, "R-" + RUN + "-" + i));
        }
        List<ConsumerRecord<String, String>> first = inReplayOrder(awaitRecords(EVENTS, 5));
        assertThat(first).extracting(ConsumerRecord::key).containsExactlyElementsOf(published);
        ConsumerRecord<String, String> one = first.get(0);
        assertThat(header(one, "ce_id")).isEqualTo(published.get(0));
        assertThat(header(one, "ce_type")).isEqualTo("salesforce.event.Order_Event__e");
        assertThat(header(one, "ce_source")).startsWith("salesforce://00D").endsWith("/event/Order_Event__e");
        assertThat(header(one, "governor-sf-channel")).isEqualTo("/event/Order_Event__e");
        assertThat(Base64.getDecoder().decode(header(one, "governor-sf-replay-id")))
                .hasSize(10);
        assertThat(JSON.readTree(one.value()).path("Order_Number__c").asText()).isEqualTo("R-" + RUN + "-0");

        relays.restart();
        for (int i = 5; i < 8; i++) {
            published.add(publish(token, "R-" + RUN + "-" + i));
        }
        List<ConsumerRecord<String, String>> all = inReplayOrder(awaitRecords(EVENTS, 8));
        assertThat(all).extracting(ConsumerRecord::key).containsExactlyElementsOf(published);

        Map<String, JsonNode> checkpoint = checkpoint("orders-" + RUN);
        assertThat(checkpoint.get("replayId").asText()).isEqualTo(header(all.get(7), "governor-sf-replay-id"));
    }

    @Test
    void changeEventsAreKeyedByRecordWithTheirFieldNames() throws Exception {
        String token = token();
        String name = "Relayed " + RUN;
        String id = given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"Name\": \"" + name + "\"}")
                .post(SIMULATOR + "/services/data/v63.0/sobjects/Account/")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"Phone\": \"555-0100\"}")
                .patch(SIMULATOR + "/services/data/v63.0/sobjects/Account/" + id)
                .then()
                .statusCode(204);
        List<ConsumerRecord<String, String>> changes = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            changes.clear();
            changes.addAll(TopicReader.sharedStack().collect(CHANGES, r -> id.equals(r.key())));
            assertThat(changes).hasSize(2);
        });
        assertThat(changes)
                .extracting(r -> header(r, "ce_type"))
                .containsExactly("salesforce.change.Account.CREATE", "salesforce.change.Account.UPDATE");
        JsonNode update = JSON.readTree(changes.get(1).value());
        assertThat(update.path("ChangeEventHeader").path("changedFields"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Phone", "LastModifiedDate");
        assertThat(update.path("Phone").asText()).isEqualTo("555-0100");
        assertThat(update.path("Name").isNull()).isTrue();
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(String topic, int count)
            throws InterruptedException {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    records.clear();
                    records.addAll(TopicReader.sharedStack().collect(topic, InboundRelayTest::ofThisRun));
                    assertThat(records).hasSizeGreaterThanOrEqualTo(count);
                });
        Thread.sleep(1000); // a doubled event would arrive right behind
        records.clear();
        records.addAll(TopicReader.sharedStack().collect(topic, InboundRelayTest::ofThisRun));
        assertThat(records).as("exactly the published events").hasSize(count);
        return records;
    }

    /**
     * The records sorted by replay id, after checking that each partition already holds them in that order
     * (a Platform Event's key is its EventUuid, so events spread over partitions).
     */
    private static List<ConsumerRecord<String, String>> inReplayOrder(List<ConsumerRecord<String, String>> records) {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new java.util.TreeMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                .add(r));
        byPartition
                .values()
                .forEach(partition -> assertThat(partition)
                        .extracting(InboundRelayTest::replayPosition)
                        .isSorted());
        return records.stream()
                .sorted(java.util.Comparator.comparingLong(InboundRelayTest::replayPosition))
                .toList();
    }

    private static long replayPosition(ConsumerRecord<String, String> record) {
        return java.nio.ByteBuffer.wrap(Base64.getDecoder().decode(header(record, "governor-sf-replay-id")))
                .getLong();
    }

    private static boolean ofThisRun(ConsumerRecord<String, String> record) {
        return record.value().contains("\"R-" + RUN + "-");
    }

    private static Map<String, JsonNode> checkpoint(String subscription) throws Exception {
        List<ConsumerRecord<String, String>> records =
                TopicReader.sharedStack().collect("governor.sf.checkpoints.v1", r -> subscription.equals(r.key()));
        assertThat(records).isNotEmpty();
        JsonNode value = JSON.readTree(records.get(records.size() - 1).value());
        return Map.of("replayId", value.get("replayId"), "channel", value.get("channel"));
    }

    /** Publishes an Order_Event__e over REST; answers its EventUuid. */
    private static String publish(String token, String orderNumber) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"Order_Number__c\": \"" + orderNumber + "\"}")
                .post(SIMULATOR + "/services/data/v63.0/sobjects/Order_Event__e/")
                .then()
                .statusCode(201)
                .extract()
                .path("errors[0].message"); // OPERATION_ENQUEUED carries the EventUuid
    }

    private static String token() {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "governor-local-consumer-key")
                .formParam("client_secret", "governor-local-consumer-secret")
                .post(SIMULATOR + "/services/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
