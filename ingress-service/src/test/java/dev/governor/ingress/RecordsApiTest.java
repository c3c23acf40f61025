package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The records API against the real broker, Redis and OIDC issuer: acceptance, idempotency, scoping, status. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class RecordsApiTest {
    /** The management interface's root ({@code …/q/}): health, metrics and OpenAPI are not on the API port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final String ACCOUNTS = "/v1/records/Account";

    /** The records on the records topic that carry the Idempotency-Key. */
    static List<ConsumerRecord<String, String>> onTopic(String idempotencyKey) {
        return TopicReader.sharedStack()
                .collect(
                        Topics.RECORDS,
                        r -> idempotencyKey.equals(
                                CloudEventRecords.headers(r).get("ce_" + RecordCloudEvents.EXT_IDEMPOTENCY_KEY)));
    }

    @Test
    void acceptsAWriteOnlyOnceKafkaHasItAndReportsItsStatus() {
        String key = newKey();
        Response accepted =
                write("crm-sync", key).body(account("ACME-" + key, "Acme")).post(ACCOUNTS);

        accepted.then()
                .statusCode(202)
                .header("Location", matchesPattern("/v1/records/[A-Za-z0-9_-]{28}\\.0"))
                .body("status", equalTo("ACCEPTED"))
                .body("sobject", equalTo("Account"))
                .body("externalId", equalTo("ACME-" + key));
        String trackingId = accepted.path("trackingId");

        List<ConsumerRecord<String, String>> records = onTopic(key);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("account:external_id__c:acme-" + key.toLowerCase());
        assertThat(CloudEventRecords.headers(records.get(0)))
                .containsEntry(GovernorHeaders.CE_ID, trackingId)
                .containsEntry("ce_" + RecordCloudEvents.EXT_CALLER, "token:crm-sync");

        Callers.as("crm-sync")
                .get(accepted.header("Location"))
                .then()
                .statusCode(200)
                .body("trackingId", equalTo(trackingId))
                .body("status", equalTo("ACCEPTED"));
    }

    @Test
    void theSameRequestAgainGetsTheOriginalAnswerAndIsNotBufferedTwice() {
        String key = newKey();
        Response first =
                write("crm-sync", key).body(account("R-" + key, "Replay")).post(ACCOUNTS);
        first.then().statusCode(202);

        Response again =
                write("crm-sync", key).body(account("R-" + key, "Replay")).post(ACCOUNTS);

        again.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(onTopic(key)).hasSize(1);
    }

    @Test
    void aBatchAgainGetsItsAnswerByteForByte() {
        String key = newKey();
        String body = "{\"records\": [" + account("RB1-" + key, "One") + "," + account("RB2-" + key, "Two") + "]}";
        String first = write("crm-sync", key)
                .body(body)
                .post(ACCOUNTS + "/batch")
                .then()
                .statusCode(202)
                .extract()
                .asString();

        String again = write("crm-sync", key)
                .body(body)
                .post(ACCOUNTS + "/batch")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();

        assertThat(again).isEqualTo(first);
        assertThat(onTopic(key)).hasSize(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = newKey();
        write("crm-sync", key)
                .body(account("M-" + key, "One"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202);

        write("crm-sync", key)
                .body(account("M-" + key, "Two"))
                .post(ACCOUNTS)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/idempotency-key-reused"));
    }

    @Test
    void concurrentRequestsWithOneKeyBufferOneRecord() {
        String key = newKey();
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(CompletableFuture.supplyAsync(() ->
                    write("crm-sync", key).body(account("C-" + key, "Same")).post(ACCOUNTS)));
        }
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();

        List<String> trackingIds = answers.stream()
                .filter(r -> r.statusCode() == 202)
                .map(r -> r.<String>path("trackingId"))
                .distinct()
                .toList();
        assertThat(trackingIds).hasSize(1);
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(202, 409));
        answers.stream()
                .filter(r -> r.statusCode() == 409)
                .forEach(r -> assertThat(r.<String>path("type"))
                        .isEqualTo("https://governor.dev/problems/idempotency-key-in-flight"));
        assertThat(onTopic(key)).hasSize(1);
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = newKey();
        String a = write("crm-sync", key)
                .body(account("S-" + key, "Shared"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202)
                .extract()
                .path("trackingId");
        String b = write("erp-feed", key)
                .body(account("S-" + key, "Shared"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202)
                .extract()
                .path("trackingId");

        assertThat(a).isNotEqualTo(b);
        assertThat(onTopic(key)).hasSize(2);
    }

    @Test
    void writesNeedAKeyAToken_andTheWriteScope() {
        Callers.as("crm-sync")
                .body(account("K-1", "x"))
                .post(ACCOUNTS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/idempotency-key-missing"));
        given().contentType("application/json")
                .header("Idempotency-Key", newKey())
                .body(account("K-1", "x"))
                .post(ACCOUNTS)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://governor.dev/problems/unauthenticated"));
        given().auth()
                .oauth2("not.a.token")
                .contentType("application/json")
                .header("Idempotency-Key", newKey())
                .body(account("K-1", "x"))
                .post(ACCOUNTS)
                .then()
                .statusCode(401);
        write("dashboard", newKey())
                .body(account("K-1", "x"))
                .post(ACCOUNTS)
                .then()
                .statusCode(403)
                .body("type", equalTo("https://governor.dev/problems/forbidden"));
    }

    @Test
    void statusIsVisibleToItsCallerAndToOperatorsOnly() {
        String location = write("crm-sync", newKey())
                .body(account("V-" + newKey(), "Mine"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202)
                .extract()
                .header("Location");

        Callers.as("erp-feed")
                .get(location)
                .then()
                .statusCode(404)
                .body("type", equalTo("https://governor.dev/problems/not-found"));
        Callers.as("operator").get(location).then().statusCode(200).body("caller", equalTo("token:crm-sync"));
        Callers.as("dashboard")
                .get("/v1/records/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
        given().get(location).then().statusCode(401);
    }

    @Test
    void aBatchIsAcceptedWholeWithOneTrackingIdPerRecord() {
        String key = newKey();
        String body = "{\"records\": [" + account("B1-" + key, "One") + "," + account("B2-" + key, "Two") + ","
                + account("B3-" + key, "Three") + "]}";

        write("crm-sync", key)
                .body(body)
                .post(ACCOUNTS + "/batch")
                .then()
                .statusCode(202)
                .body("records", hasSize(3))
                .body("records[1].externalId", equalTo("B2-" + key))
                .body("records[2].trackingId", matchesPattern("[A-Za-z0-9_-]{28}\\.2"));
        assertThat(onTopic(key)).hasSize(3);
    }

    @Test
    void aBatchWithAnInvalidRecordIsRefusedWholeWithPointersToEachError() {
        String key = newKey();
        String body = "{\"records\": [" + account("I1-" + key, "Fine") + ", {\"externalIdField\": \"External_Id__c\", "
                + "\"externalId\": \"I2\", \"fields\": {\"Bad Name\": 1, \"Nested\": {\"a\": 1}}}]}";

        write("crm-sync", key)
                .body(body)
                .post(ACCOUNTS + "/batch")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://governor.dev/problems/invalid-request"))
                .body(
                        "errors.pointer",
                        org.hamcrest.Matchers.hasItems("/records/1/fields/Bad Name", "/records/1/fields/Nested"));
        assertThat(onTopic(key)).isEmpty();
    }

    @Test
    void aCreateWithoutABusinessKeyUsesTheIdempotencyKeyAsExternalId() {
        String key = newKey();
        write("crm-sync", key)
                .body("{\"fields\": {\"Subject\": \"Printer on fire\"}}")
                .post("/v1/records/Case")
                .then()
                .statusCode(202)
                .body("externalIdField", equalTo("Webhook_Delivery_Id__c"))
                .body("externalId", equalTo(key));
        write("crm-sync", newKey())
                .body("{\"fields\": {\"Name\": \"No key field for Account\"}}")
                .post(ACCOUNTS)
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/externalId"));
    }

    @Test
    void exposesMetricsForEveryOutcomeAndDescribesTheApi() {
        String key = newKey();
        write("crm-sync", key)
                .body(account("Metric-" + key, "m"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202);
        write("crm-sync", key)
                .body(account("Metric-" + key, "m"))
                .post(ACCOUNTS)
                .then()
                .statusCode(202);
        write("crm-sync", key)
                .body(account("Metric-" + key, "other"))
                .post(ACCOUNTS)
                .then()
                .statusCode(422);
        Callers.as("crm-sync")
                .body(account("Metric-" + key, "m"))
                .post(ACCOUNTS)
                .then()
                .statusCode(400);
        String metrics = given().get(management + "metrics").asString();
        assertThat(metrics)
                .contains("governor_ingress_requests_total{outcome=\"accepted\"}")
                .contains("governor_ingress_requests_total{outcome=\"replayed\"}")
                .contains("governor_ingress_requests_total{outcome=\"key_reused\"}")
                .contains("governor_ingress_rejections_total{reason=\"idempotency_key_missing\"}")
                .contains("governor_ingress_records_accepted_total")
                .contains("governor_ingress_kafka_publish_seconds")
                .contains("governor_ingress_redis_seconds");
        given().accept("application/json")
                .get(management + "openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/records/{sobject}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/records/{sobject}/batch"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/records/{trackingId}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/webhooks/{source}"));
    }
}
