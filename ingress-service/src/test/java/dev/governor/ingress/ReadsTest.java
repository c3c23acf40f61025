package dev.governor.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.SimulatorTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads through the ingress against the simulator: repeated reads cost no API calls (the simulator's call
 * counts say so), concurrent misses make one call, not-found answers are kept briefly, an answer past its
 * time is served stale while the org answers only errors, and what is not served is a problem, never a 5xx.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc,simulator"))
class ReadsTest {

    private static final String SIMULATOR = "http://127.0.0.1:" + Infrastructure.SIMULATOR.sharedPort();
    private static final String API = SIMULATOR + "/services/data/v63.0";

    @AfterEach
    void noFaults() {
        given().delete(SIMULATOR + "/simulator/faults").then().statusCode(200);
    }

    private static RequestSpecification reader() {
        return given().auth().oauth2(CallerTokens.of("dashboard"));
    }

    /** Creates an Account in the org as another client would; answers its Id. */
    private static String account(String externalId, String industry) {
        return given().auth()
                .oauth2(SimulatorTokens.clientCredentials(SIMULATOR))
                .contentType("application/json")
                .body("{\"Name\": \"Reads " + externalId + "\", \"Industry\": \"" + industry
                        + "\", \"Phone\": \"555\"}")
                .patch(API + "/sobjects/Account/External_Id__c/" + externalId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static long readCalls() {
        io.restassured.path.json.JsonPath stats =
                given().get(SIMULATOR + "/simulator/stats").then().extract().jsonPath();
        Map<String, Object> byEndpoint = stats.getMap("callsByEndpoint");
        return ((Number) byEndpoint.getOrDefault("sobjects", 0)).longValue()
                + ((Number) byEndpoint.getOrDefault("query", 0)).longValue();
    }

    @Test
    void repeatedReadsAreServedFromTheCacheWithoutApiCalls() {
        String key = "READ-" + UUID.randomUUID();
        String id = account(key, "Energy");
        long before = readCalls();

        Response first = reader().get("/v1/sobjects/Account/" + id);
        first.then()
                .statusCode(200)
                .header("X-Governor-Cache", "MISS")
                .header("Cache-Control", startsWith("private, max-age="))
                .body("Id", equalTo(id))
                .body("Name", equalTo("Reads " + key))
                .body("Industry", equalTo("Energy"));
        for (int i = 0; i < 20; i++) {
            reader().get("/v1/sobjects/account/" + id.substring(0, 15))
                    .then()
                    .statusCode(200)
                    .header("X-Governor-Cache", "HIT")
                    .header("ETag", first.header("ETag"));
        }
        reader().header("If-None-Match", first.header("ETag"))
                .get("/v1/sobjects/Account/" + id)
                .then()
                .statusCode(304);
        reader().queryParam("fields", "Name,AnnualRevenue")
                .get("/v1/sobjects/Account/" + id)
                .then()
                .statusCode(200)
                .header("X-Governor-Cache", "HIT")
                .body("Industry", equalTo(null))
                .body("Name", equalTo("Reads " + key));
        reader().get("/v1/sobjects/Account/External_Id__c/" + key)
                .then()
                .statusCode(200)
                .body("Id", equalTo(id));
        reader().get("/v1/sobjects/Account/External_Id__c/" + key).then().header("X-Governor-Cache", "HIT");

        assertThat(readCalls() - before)
                .as("API calls for 25 reads of one record, two ways")
                .isEqualTo(2);
    }

    @Test
    void twoHundredConcurrentMissesMakeOneCall() throws Exception {
        String id = account("READ-" + UUID.randomUUID(), "Energy");
        long before = readCalls();
        String token = CallerTokens.of("dashboard");
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                reads.add(CompletableFuture.supplyAsync(
                        () -> given().auth()
                                .oauth2(token)
                                .get("/v1/sobjects/Account/" + id)
                                .statusCode(),
                        callers));
            }
            for (CompletableFuture<Integer> read : reads) {
                assertThat(read.get()).isEqualTo(200);
            }
        } finally {
            callers.shutdown();
        }
        assertThat(readCalls() - before)
                .as("API calls for 200 concurrent misses")
                .isEqualTo(1);
    }

    @Test
    void aRecordTheOrgLacksIs404AndTheAnswerIsKeptBriefly() {
        long before = readCalls();
        for (int i = 0; i < 3; i++) {
            reader().get("/v1/sobjects/Account/External_Id__c/NO-SUCH-" + before)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
        assertThat(readCalls() - before).isEqualTo(1);
    }

    @Test
    void anAnswerPastItsTimeIsServedStaleWhileTheOrgFailsAndNothingCachedIs503() throws Exception {
        String key = "READ-" + UUID.randomUUID();
        given().auth()
                .oauth2(SimulatorTokens.clientCredentials(SIMULATOR))
                .contentType("application/json")
                .body("{\"LastName\": \"Stale\"}")
                .patch(API + "/sobjects/Contact/External_Id__c/" + key)
                .then()
                .statusCode(201);
        reader().get("/v1/sobjects/Contact/External_Id__c/" + key).then().statusCode(200);
        Thread.sleep(1_200); // Contact answers are fresh for 1 s in the test profile
        given().contentType("application/json")
                .body("{\"serverUnavailableRate\": {\"sobjects\": 1.0, \"query\": 1.0}}")
                .put(SIMULATOR + "/simulator/faults")
                .then()
                .statusCode(200);

        reader().get("/v1/sobjects/Contact/External_Id__c/" + key)
                .then()
                .statusCode(200)
                .header("X-Governor-Cache", "STALE")
                .body("LastName", equalTo("Stale"));
        reader().get("/v1/sobjects/Contact/External_Id__c/NEVER-READ-" + key)
                .then()
                .statusCode(503)
                .header("Retry-After", "30")
                .contentType("application/problem+json");
    }

    @Test
    void aNamedQueryIsServedOnceThenFromTheCacheWithItsParametersTyped() {
        String industry = "Reads-" + UUID.randomUUID().toString().substring(0, 8);
        String id = account("READ-" + UUID.randomUUID(), industry);
        long before = readCalls();

        reader().queryParam("industry", industry)
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(200)
                .header("X-Governor-Cache", "MISS")
                .body("records.Id", org.hamcrest.Matchers.contains(id))
                .body("truncated", equalTo(false));
        reader().queryParam("industry", industry)
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(200)
                .header("X-Governor-Cache", "HIT");
        reader().queryParam("industry", "x' OR Name != '")
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(200)
                .body("records", org.hamcrest.Matchers.empty());

        assertThat(readCalls() - before).isEqualTo(2);
    }

    @Test
    void aChangeEventEvictsItsRecordAndMakesQueriesOverItsObjectStale() throws Exception {
        String industry = "Reads-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "READ-" + UUID.randomUUID();
        String id = account(key, industry);
        reader().get("/v1/sobjects/Account/" + id).then().header("X-Governor-Cache", "MISS");
        reader().queryParam("industry", industry)
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(SimulatorTokens.clientCredentials(SIMULATOR))
                .contentType("application/json")
                .body("{\"Phone\": \"777\"}")
                .patch(API + "/sobjects/Account/External_Id__c/" + key)
                .then()
                .statusCode(200);
        reader().get("/v1/sobjects/Account/" + id)
                .then()
                .header("X-Governor-Cache", "HIT")
                .body("Phone", equalTo("555"));

        awaitCache(
                "/v1/sobjects/Account/" + id,
                "MISS",
                () -> publish(
                        "governor.sf.changes.v1",
                        id,
                        "{\"ChangeEventHeader\": {\"entityName\": \"Account\", "
                                + "\"changeType\": \"UPDATE\", \"recordIds\": [\"" + id + "\"]}, \"Phone\": \"777\"}"));
        reader().get("/v1/sobjects/Account/" + id).then().body("Phone", equalTo("777"));
        reader().queryParam("industry", industry)
                .get("/v1/queries/accounts-by-industry")
                .then()
                .header("X-Governor-Cache", "MISS");
    }

    @Test
    void aGapInTheChangeEventsFlushesTheObject() throws Exception {
        String id = account("READ-" + UUID.randomUUID(), "Energy");
        reader().get("/v1/sobjects/Account/" + id).then().statusCode(200);
        reader().get("/v1/sobjects/Account/" + id).then().header("X-Governor-Cache", "HIT");

        awaitCache(
                "/v1/sobjects/Account/" + id,
                "MISS",
                () -> publish(
                        "governor.sf.gaps.v1",
                        "changes",
                        "{\"subscription\": \"changes\", \"channel\": "
                                + "\"/data/ChangeEvents\", \"kind\": \"GAP_UPDATE\", \"entityName\": \"Account\"}"));
    }

    /**
     * Publishes the event, then reads the path until its answer comes from where it should (the eviction is
     * asynchronous); publishes it again each second meanwhile, since a consumer group that has just joined
     * starts at the topic's end.
     */
    private static void awaitCache(String path, String source, Publish event) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String seen = null;
        long nextPublish = 0;
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextPublish) {
                event.run();
                nextPublish = System.nanoTime() + 1_000_000_000L;
            }
            seen = reader().get(path).header("X-Governor-Cache");
            if (source.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("where %s was answered from", path).isEqualTo(source);
    }

    @FunctionalInterface
    private interface Publish {
        void run() throws Exception;
    }

    private static void publish(String topic, String key, String value) throws Exception {
        java.util.Map<String, Object> config = java.util.Map.of(
                "bootstrap.servers", "127.0.0.1:" + Infrastructure.KAFKA.sharedPort(),
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                new org.apache.kafka.clients.producer.KafkaProducer<>(config)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value))
                    .get();
        }
    }

    @Test
    void whatIsNotServedIsAProblemNeverA5xx() {
        reader().get("/v1/sobjects/User/005000000000001AAA")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        reader().get("/v1/sobjects/Account/not-an-id").then().statusCode(400).contentType("application/problem+json");
        reader().queryParam("fields", "Name,SecretField__c")
                .get("/v1/sobjects/Account/001000000000001AAA")
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("SecretField__c"));
        reader().get("/v1/sobjects/Account/Name;DROP/x").then().statusCode(400);
        reader().get("/v1/queries/no-such-query").then().statusCode(404);
        reader().queryParam("industry", "a")
                .queryParam("limit", "5")
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("limit"));
        reader().queryParam("industry", "a")
                .queryParam("industry", "b")
                .get("/v1/queries/accounts-by-industry")
                .then()
                .statusCode(400);
        reader().get("/v1/queries/accounts-by-industry").then().statusCode(400);
        given().get("/v1/sobjects/Account/001000000000001AAA").then().statusCode(401);
    }
}
