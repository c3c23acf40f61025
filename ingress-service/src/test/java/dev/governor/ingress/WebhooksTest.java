package dev.governor.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.topic.Topics;
import dev.governor.ingress.idempotency.Hashing;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Signed webhooks: GitHub-style and Stripe-style signatures, rotation, replays and forgeries. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class WebhooksTest {

    private static String hmacHex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static Response github(String deliveryId, String body, String secret) throws Exception {
        return given().contentType("application/json")
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body))
                .body(body)
                .post("/v1/webhooks/github");
    }

    private static String issue(String title) {
        return "{\"action\": \"opened\", \"issue\": {\"title\": \"" + title
                + "\", \"body\": \"Details\", \"labels\": [\"bug\"]}}";
    }

    /** The key a GitHub-style delivery is known by: the digest of its signed body. */
    private static String digest(String body) {
        return "sha256:" + Hashing.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, String>> buffered(String idempotencyKey) {
        return TopicReader.sharedStack()
                .collect(
                        Topics.RECORDS,
                        r -> idempotencyKey.equals(
                                CloudEventRecords.headers(r).get("ce_" + RecordCloudEvents.EXT_IDEMPOTENCY_KEY)));
    }

    @Test
    void aSignedGithubDeliveryBecomesACaseKeyedByItsSignedContent() throws Exception {
        String body = issue("Printer on fire " + UUID.randomUUID());
        github(UUID.randomUUID().toString(), body, "new-secret")
                .then()
                .statusCode(202)
                .body("sobject", equalTo("Case"))
                .body("externalIdField", equalTo("Webhook_Delivery_Id__c"))
                .body("externalId", equalTo(digest(body)));

        List<ConsumerRecord<String, String>> records = buffered(digest(body));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).contains("\"Subject\":\"Printer on fire ");
        assertThat(CloudEventRecords.headers(records.get(0)))
                .containsEntry(GovernorHeaders.CE_SOURCE, "/ingress/webhooks/github")
                .containsEntry("ce_" + RecordCloudEvents.EXT_CALLER, "webhook:github");
    }

    @Test
    void aTokenWhoseSubIsAWebhookSourcesNameCannotReadItsDeliveries() throws Exception {
        String location = github(UUID.randomUUID().toString(), issue("Private " + UUID.randomUUID()), "new-secret")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");

        Callers.as("webhook-impostor").get(location).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theOutgoingSecretStillVerifiesDuringRotation() throws Exception {
        github(UUID.randomUUID().toString(), issue("Old secret " + UUID.randomUUID()), "old-secret")
                .then()
                .statusCode(202);
    }

    @Test
    void aReplayedDeliveryGetsTheOriginalAnswerAndIsBufferedOnce() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = issue("Once " + delivery);
        String first = github(delivery, body, "new-secret")
                .then()
                .statusCode(202)
                .extract()
                .path("trackingId");

        github(delivery, body, "new-secret")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .body("trackingId", equalTo(first));
        assertThat(buffered(digest(body))).hasSize(1);
    }

    @Test
    void aCapturedBodyReplayedUnderNewDeliveryIdsIsTheSameDelivery() throws Exception {
        String body = issue("Captured " + UUID.randomUUID());
        String first = github(UUID.randomUUID().toString(), body, "new-secret")
                .then()
                .statusCode(202)
                .extract()
                .path("trackingId");

        for (int replay = 0; replay < 5; replay++) {
            github(UUID.randomUUID().toString(), body, "new-secret")
                    .then()
                    .statusCode(202)
                    .header("Idempotent-Replayed", "true")
                    .body("trackingId", equalTo(first));
        }
        assertThat(TopicReader.sharedStack()
                        .collect(Topics.RECORDS, r -> r.value().contains(digest(body))))
                .hasSize(1);
    }

    @Test
    void forgedMissingAndStaleSignaturesAre401AndNeverBuffered() throws Exception {
        String delivery = UUID.randomUUID().toString();
        github(delivery, issue("Forged"), "guessed-secret")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/unauthenticated"));
        given().contentType("application/json")
                .header("X-GitHub-Delivery", delivery)
                .body(issue("Unsigned"))
                .post("/v1/webhooks/github")
                .then()
                .statusCode(401);
        String signedOther = "sha256=" + hmacHex("new-secret", issue("Original"));
        given().contentType("application/json")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signedOther)
                .body(issue("Tampered"))
                .post("/v1/webhooks/github")
                .then()
                .statusCode(401);

        String payment =
                "{\"id\": \"evt_" + delivery + "\", \"data\": {\"object\": {\"amount\": 1250, \"status\": \"Placed\","
                        + " \"metadata\": {\"order_number\": \"ORD-" + delivery + "\"}}}}";
        long stale = Instant.now().minusSeconds(600).getEpochSecond();
        given().contentType("application/json")
                .header("Stripe-Signature", "t=" + stale + ",v1=" + hmacHex("whsec_test", stale + "." + payment))
                .body(payment)
                .post("/v1/webhooks/payments")
                .then()
                .statusCode(401);

        assertThat(buffered(digest(issue("Forged")))).isEmpty();
        assertThat(buffered(digest(issue("Unsigned")))).isEmpty();
        assertThat(buffered(digest(issue("Tampered")))).isEmpty();
        assertThat(buffered("evt_" + delivery)).isEmpty();
    }

    @Test
    void aStripeStyleDeliveryMapsItsPayloadByJsonPointer() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payment = "{\"id\": \"" + id + "\", \"data\": {\"object\": {\"amount\": 1250, \"status\": \"Placed\","
                + " \"metadata\": {\"order_number\": \"ORD-" + id + "\"}}}}";
        long now = Instant.now().getEpochSecond();
        given().contentType("application/json")
                .header(
                        "Stripe-Signature",
                        "t=" + now + ",v1=" + hmacHex("whsec_test", now + "." + payment) + ",v0=ignored")
                .body(payment)
                .post("/v1/webhooks/payments")
                .then()
                .statusCode(202)
                .body("sobject", equalTo("Governor_Order__c"))
                .body("externalIdField", equalTo("Order_Number__c"))
                .body("externalId", equalTo("ORD-" + id));
        assertThat(buffered(id))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"Amount__c\":1250"));
    }

    private static Response payments(String payment) throws Exception {
        long now = Instant.now().getEpochSecond();
        return given().contentType("application/json")
                .header("Stripe-Signature", "t=" + now + ",v1=" + hmacHex("whsec_test", now + "." + payment))
                .body(payment)
                .post("/v1/webhooks/payments");
    }

    @Test
    void aDeliveryWithoutTheMappedExternalIdIsRefusedNotKeyedByItsDeliveryId() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        payments("{\"id\": \"" + id + "\", \"data\": {\"object\": {\"amount\": 10, \"metadata\": {}}}}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/invalid-request"))
                .body("errors[0].pointer", equalTo("/data/object/metadata/order_number"));
        assertThat(buffered(id)).isEmpty();
    }

    @Test
    void aMappedDeliveryIsReadByTheRecordsApisRules() throws Exception {
        String nul = "evt_" + UUID.randomUUID();
        payments("{\"id\": \"" + nul
                        + "\", \"data\": {\"object\": {\"amount\": 10, \"metadata\": {\"order_number\": "
                        + "\"ORD-\\u0000-1\"}}}}")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/externalId"));
        String newline = "evt_" + UUID.randomUUID();
        payments("{\"id\": \"" + newline
                        + "\", \"data\": {\"object\": {\"amount\": 10, \"metadata\": {\"order_number\": "
                        + "\"ORD-\\n-1\"}}}}")
                .then()
                .statusCode(400);
        String infinite = "evt_" + UUID.randomUUID();
        payments("{\"id\": \"" + infinite
                        + "\", \"data\": {\"object\": {\"amount\": 1e999, \"metadata\": {\"order_number\": \"ORD-"
                        + infinite + "\"}}}}")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/fields/Amount__c"));
        assertThat(buffered(nul)).isEmpty();
        assertThat(buffered(infinite)).isEmpty();
    }

    @Test
    void aNewOrderFromThePaymentsSourceCarriesTheNameSalesforceRequires() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        payments("{\"id\": \"" + id
                        + "\", \"data\": {\"object\": {\"amount\": 10, \"metadata\": {\"order_number\": \"ORD-" + id
                        + "\"}}}}")
                .then()
                .statusCode(202);
        assertThat(buffered(id))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).contains("\"Name\":\"ORD-" + id + "\""));
    }

    @Test
    void unknownSourcesAre404() {
        given().contentType("application/json")
                .body("{}")
                .post("/v1/webhooks/nobody")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/not-found"));
    }
}
