package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordEnvelope;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.ingress.ledger.RequestHash;
import dev.governor.ingress.ledger.RequestStatusStore;
import dev.governor.ingress.ledger.TrackingId;
import dev.governor.ingress.status.RequestStatus;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Request status follows the outcomes delivery publishes on the real broker. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class OutcomeStatusTest {

    @Inject
    RequestStatusStore statuses;

    @Inject
    RedisDataSource redis;

    private static void publishOutcome(String key, String outcomeJson) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Infrastructure.KAFKA.sharedPort());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OUTCOMES, key, outcomeJson);
            record.headers().add(GovernorHeaders.CE_TYPE, RecordOutcome.TYPE.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    @Test
    void statusMovesFromAcceptedThroughRetryingToDelivered() throws Exception {
        String location = location(write("crm-sync", newKey()).body(account("O-" + newKey(), "Outcome")));
        String trackingId = trackingIdOf(location);

        publishOutcome(
                "Account:O",
                refused(
                        trackingId,
                        "RETRYING",
                        1,
                        "{\"statusCode\": \"UNABLE_TO_LOCK_ROW\", \"message\": \"unable to obtain exclusive access\","
                                + " \"fields\": []}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Callers.as("crm-sync")
                        .get(location)
                        .then()
                        .body("status", equalTo("RETRYING"))
                        .body("error.statusCode", equalTo("UNABLE_TO_LOCK_ROW")));

        publishOutcome("Account:O", delivered(trackingId, "CREATED", 2, "0015g00000ABCDEAAA"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Callers.as("crm-sync")
                        .get(location)
                        .then()
                        .body("status", equalTo("DELIVERED"))
                        .body("operation", equalTo("CREATED"))
                        .body("salesforceId", equalTo("0015g00000ABCDEAAA"))
                        .body("attempts", equalTo(2))
                        .body("caller", equalTo("token:crm-sync"))
                        .body("history.status", contains("ACCEPTED", "RETRYING", "DELIVERED"))
                        .body("history[1].errorCode", equalTo("UNABLE_TO_LOCK_ROW"))
                        .body("history[1].attempts", equalTo(1)));
    }

    @Test
    void aRecordsWritesAreFoundByItsExternalIdHoweverItWasSpelled() throws Exception {
        String id = "Find-" + newKey();
        String first = trackingId(write("crm-sync", newKey()).body(account(id, "First")));
        String second = trackingId(write("erp-feed", newKey()).body(account(id.toUpperCase(Locale.ROOT), "Second")));
        List<String> batch = write("crm-sync", newKey())
                .body("{\"records\": [" + account(id.toLowerCase(Locale.ROOT), "Third") + ","
                        + account("Other-" + newKey(), "Another record") + "]}")
                .post("/v1/records/Account/batch")
                .then()
                .statusCode(202)
                .extract()
                .path("records.trackingId");
        publishOutcome(
                "Account:F",
                refused(
                        second,
                        "DEAD_LETTERED",
                        1,
                        "{\"statusCode\": \"DUPLICATE_VALUE\", \"message\": \"duplicate\"}"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Callers.as("operator")
                        .queryParam("sobject", "account")
                        .queryParam("externalIdField", "EXTERNAL_ID__C")
                        .queryParam("externalId", id)
                        .get("/v1/records")
                        .then()
                        .statusCode(200)
                        .body("writes.trackingId", contains(batch.get(0), second, first))
                        .body("writes[1].status", equalTo("DEAD_LETTERED"))
                        .body("writes[1].history.status", contains("ACCEPTED", "DEAD_LETTERED"))
                        .body("writes[1].caller", equalTo("token:erp-feed")));
        Callers.as("crm-sync")
                .queryParam("sobject", "Account")
                .queryParam("externalIdField", "External_Id__c")
                .queryParam("externalId", id.toUpperCase(Locale.ROOT))
                .get("/v1/records")
                .then()
                .statusCode(200)
                .body("writes.trackingId", contains(batch.get(0), first));
        Callers.as("crm-sync")
                .queryParam("sobject", "Account")
                .queryParam("externalIdField", "External_Id__c")
                .queryParam("externalId", "Never-" + newKey())
                .get("/v1/records")
                .then()
                .statusCode(200)
                .body("writes", hasSize(0));
        Callers.as("crm-sync")
                .queryParam("sobject", "Account")
                .get("/v1/records")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-request"));
    }

    /** Where the status of one accepted Account write is. */
    private static String location(RequestSpecification write) {
        return write.post("/v1/records/Account")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
    }

    private static String trackingId(RequestSpecification write) {
        return trackingIdOf(location(write));
    }

    private static String trackingIdOf(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** An outcome in which Salesforce took the write ({@code operation} CREATED or UPDATED). */
    private static String delivered(String trackingId, String operation, int attempts, String salesforceId) {
        return "{\"trackingId\": \"" + trackingId + "\", \"status\": \"" + operation + "\", \"attempts\": " + attempts
                + ", \"salesforceId\": \"" + salesforceId + "\"}";
    }

    /** An outcome in which Salesforce refused the write ({@code status} RETRYING or DEAD_LETTERED). */
    private static String refused(String trackingId, String status, int attempts, String errorJson) {
        return "{\"trackingId\": \"" + trackingId + "\", \"status\": \"" + status + "\", \"attempts\": " + attempts
                + ", \"error\": " + errorJson + "}";
    }

    /**
     * Delivery can answer before the ingress has stored what it accepted (Kafka acknowledged, the status
     * write still on its way to Redis): that store must not overwrite the outcome, and the next outcome
     * folds it into the record's own field.
     */
    @Test
    void anOutcomeThatOvertakesItsAcceptedStatusIsKeptWhenThatIsStored() {
        String key = newKey();
        String request = TrackingId.requestOf("token:crm-sync", key);
        String trackingId = new TrackingId(request, TrackingId.newSalt(), 0).toString();
        RecordWrite write = new RecordWrite("Account", "External_Id__c", "Early-" + key, Map.of("Name", "Early"));
        RequestStatus accepted = RequestStatus.accepted(new RecordEnvelope(
                trackingId,
                URI.create("/v1/records/Account"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "token:crm-sync",
                key,
                write));
        Duration wait = Duration.ofSeconds(10);

        statuses.applyAll(List.of(new RecordOutcome(
                        trackingId,
                        RecordOutcome.Status.RETRYING,
                        null,
                        1,
                        new RecordOutcome.Error("UNABLE_TO_LOCK_ROW", "locked", List.of()))))
                .await()
                .atMost(wait);
        statuses.saveAccepted(request, null, Duration.ofHours(1), List.of(accepted), List.of(write.recordKey()))
                .await()
                .atMost(wait);
        Callers.as("crm-sync")
                .get("/v1/records/" + trackingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("RETRYING"))
                .body("externalId", equalTo("Early-" + key))
                .body("caller", equalTo("token:crm-sync"))
                .body("history.status", contains("ACCEPTED", "RETRYING"));

        statuses.applyAll(List.of(
                        new RecordOutcome(trackingId, RecordOutcome.Status.CREATED, "0015g00000ABCDEEEE", 2, null)))
                .await()
                .atMost(wait);
        Callers.as("crm-sync")
                .get("/v1/records/" + trackingId)
                .then()
                .body("status", equalTo("DELIVERED"))
                .body("salesforceId", equalTo("0015g00000ABCDEEEE"))
                .body("history.status", contains("ACCEPTED", "RETRYING", "DELIVERED"));
        assertThat(redis.hash(String.class).hkeys(RequestHash.key(request)))
                .as("the early field is folded into the record's own")
                .containsExactlyInAnyOrder(RequestHash.SHARED, RequestHash.recordField(0));
    }

    @Test
    void eachRecordOfABatchKeepsItsOwnStatus() throws Exception {
        String key = newKey();
        String body = "{\"records\": [" + account("B1-" + key, "One") + "," + account("B2-" + key, "Two") + ","
                + account("B3-" + key, "Three") + "]}";
        List<String> ids = write("crm-sync", key)
                .body(body)
                .post("/v1/records/Account/batch")
                .then()
                .statusCode(202)
                .extract()
                .path("records.trackingId");

        // One producer, one partition: the outcomes of the batch reach the ingress together.
        publishOutcome("Account:B", delivered(ids.get(2), "CREATED", 1, "0015g00000ABCDE003"));
        publishOutcome(
                "Account:B",
                refused(
                        ids.get(0),
                        "RETRYING",
                        1,
                        "{\"statusCode\": \"UNABLE_TO_LOCK_ROW\", \"message\": \"locked\"}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Callers.as("crm-sync")
                    .get("/v1/records/" + ids.get(2))
                    .then()
                    .body("status", equalTo("DELIVERED"))
                    .body("externalId", equalTo("B3-" + key))
                    .body("salesforceId", equalTo("0015g00000ABCDE003"));
            Callers.as("crm-sync")
                    .get("/v1/records/" + ids.get(0))
                    .then()
                    .body("status", equalTo("RETRYING"))
                    .body("externalId", equalTo("B1-" + key));
        });
        Callers.as("crm-sync")
                .get("/v1/records/" + ids.get(1))
                .then()
                .body("status", equalTo("ACCEPTED"))
                .body("externalId", equalTo("B2-" + key));
    }

    @Test
    void aDeadLetterCarriesItsReason() throws Exception {
        String location = location(write("crm-sync", newKey()).body(account("D-" + newKey(), "Doomed")));
        String trackingId = trackingIdOf(location);

        publishOutcome(
                "Account:D",
                refused(
                        trackingId,
                        "DEAD_LETTERED",
                        1,
                        "{\"statusCode\": \"REQUIRED_FIELD_MISSING\", \"message\": \"Required fields are missing:"
                                + " [Name]\", \"fields\": [\"Name\"]}"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Callers.as("crm-sync")
                        .get(location)
                        .then()
                        .body("status", equalTo("DEAD_LETTERED"))
                        .body("error.fields[0]", equalTo("Name")));
    }

    @Test
    void anUnreadableOutcomeIsSkippedAndLaterOnesStillApply() throws Exception {
        String location = location(write("crm-sync", newKey()).body(account("U-" + newKey(), "After garbage")));
        String trackingId = trackingIdOf(location);

        publishOutcome("Account:U", "{\"trackingId\": \"" + trackingId + "\", \"status\": ");
        publishOutcome("Account:U", delivered(trackingId, "UPDATED", 1, "0015g00000ABCDEBBB"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Callers.as("crm-sync")
                        .get(location)
                        .then()
                        .body("status", equalTo("DELIVERED"))
                        .body("operation", equalTo("UPDATED")));
    }
}
