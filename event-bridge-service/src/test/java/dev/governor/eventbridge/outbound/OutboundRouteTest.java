package dev.governor.eventbridge.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * External events into Salesforce through the real broker, Mosquitto, Redis and the simulator's Pub/Sub
 * API, with traffic as it comes: two sources, copies of the same event, events that leave fields out,
 * and events no route can publish or Salesforce refuses — each valid source event once in the org, the
 * others dead-lettered with their own reason and replayable, and no daily API call spent.
 */
@NeedsStack
@QuarkusTest
@TestProfile(OutboundRouteTest.Routes.class)
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc,mqtt,simulator"))
class OutboundRouteTest {

    static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String ORDERS = "governor.test.orders." + RUN;
    static final String PRIORITIES = "governor.test.priorities." + RUN;
    static final String DEVICES = "governor/test/" + RUN + "/devices";
    static final String PRIORITY_FIELD = "Priority" + RUN + "__c";
    static final String SIMULATOR = "http://127.0.0.1:" + Infrastructure.SIMULATOR.sharedPort();

    /** Three routes of this run's own: orders from Kafka, devices over MQTT, and one with a field the org lacks. */
    public static class Routes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new TestRoutes()
                    .route("orders", "kafka", ORDERS)
                    .set("orders", "id-header", "ce_id")
                    .set("orders", "fields.Order_Number__c", "/order/number")
                    .set("orders", "fields.Status__c", "/status")
                    .set("orders", "fields.amount__C", "/amount") // letter case as Salesforce ignores it
                    .route("devices", "mqtt", DEVICES + "/+")
                    .set("devices", "id-pointer", "/id")
                    .set("devices", "fields.Order_Number__c", "/order")
                    .set("devices", "constants.Status__c", "Reported by device")
                    .route("priorities", "kafka", PRIORITIES)
                    .set("priorities", "id-pointer", "/eventId")
                    .set("priorities", "fields.Order_Number__c", "/order")
                    .set("priorities", "fields." + PRIORITY_FIELD, "/priority")
                    .with("governor.bridge.mqtt.client-id", "governor-bridge-test-" + RUN)
                    .with("governor.bridge.outbound.claim-timeout", "3S")
                    .config();
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @Test
    void mixedTrafficFromKafkaAndMqttReachesSalesforceOnceEachWithoutDailyApiCalls() throws Exception {
        try (OutboundEvents events = OutboundEvents.onSharedStack(vertx)) {
            long callsBefore = events.dailyApiCallsUsed();
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String id = RUN + "-k-" + i;
                valid.add(id);
                StringBuilder body = new StringBuilder("{\"order\": {\"number\": \"K-" + i + "\"}");
                if (i % 3 != 0) {
                    body.append(", \"status\": \"Open\"");
                }
                if (i % 4 != 0) {
                    body.append(", \"amount\": ").append(i % 2 == 0 ? Integer.toString(i) : i + ".5");
                }
                body.append(", \"unmapped\": {\"nested\": true}}");
                events.kafka(ORDERS, "order-" + (i % 7), body.toString(), Map.of("ce_id", id));
                if (i % 6 == 0) { // the same source event again, as an at-least-once source sends it
                    events.kafka(ORDERS, "order-" + (i % 7), body.toString(), Map.of("ce_id", id));
                }
            }
            events.kafka(ORDERS, "bad", "{\"order\": {\"number\": \"no id\"}}", Map.of());
            events.kafka(ORDERS, "bad", "{\"order\": {\"number\": \"K-x\"}, \"amount\": \"not a number\"}", id("type"));
            events.kafka(ORDERS, "bad", "{\"order\": {\"number\": \"\"}}", id("required"));
            events.kafka(ORDERS, "bad", "{\"order\": {\"number\": \"" + "K".repeat(80) + "\"}}", id("long"));
            events.kafka(ORDERS, "bad", "order number 7, not JSON", id("json"));
            for (int i = 0; i < 30; i++) {
                String id = RUN + "-m-" + i;
                valid.add(id);
                String body = "{\"id\": \"" + id + "\", \"order\": \"M-" + i + "\"}";
                events.mqtt(DEVICES + "/d" + (i % 3), body);
                if (i % 5 == 0) {
                    events.mqtt(DEVICES + "/d" + (i % 3), body);
                }
            }

            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> mixedCounts(events).keySet().containsAll(valid));
            Thread.sleep(2000); // copies still on their way would show up now
            Map<String, Integer> counts = mixedCounts(events);
            assertThat(counts).containsOnlyKeys(valid);
            assertThat(counts.values()).containsOnly(1);

            Map<String, JsonNode> payloads = events.published(RUN + "-");
            assertThat(payloads.get(RUN + "-k-1").path("Amount__c").asDouble()).isEqualTo(1.5);
            assertThat(payloads.get(RUN + "-k-1").path("Status__c").asText()).isEqualTo("Open");
            assertThat(payloads.get(RUN + "-k-0").path("Status__c").isNull()).isTrue();
            assertThat(payloads.get(RUN + "-k-0").path("Amount__c").isNull()).isTrue();
            assertThat(payloads.get(RUN + "-m-4").path("Order_Number__c").asText())
                    .isEqualTo("M-4");
            assertThat(payloads.get(RUN + "-m-4").path("Status__c").asText()).isEqualTo("Reported by device");
            assertThat(events.dailyApiCallsUsed()).isEqualTo(callsBefore);
            operator()
                    .get("/v1/admin/bridge/publishing")
                    .then()
                    .statusCode(200)
                    .body("published", org.hamcrest.Matchers.greaterThanOrEqualTo(valid.size()))
                    .body("allowed", org.hamcrest.Matchers.greaterThan(0))
                    .body("windowSeconds", org.hamcrest.Matchers.greaterThan(0));

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, String> reasons = deadReasons("orders");
                assertThat(reasons.get(null)).contains("no id at header ce_id");
                assertThat(reasons.get(RUN + "-type"))
                        .isEqualTo("Field Amount__c takes a number, not \"not a number\"");
                assertThat(reasons.get(RUN + "-required"))
                        .isEqualTo("REQUIRED_FIELD_MISSING: Required fields are missing: [Order_Number__c]");
                assertThat(reasons.get(RUN + "-long")).startsWith("STRING_TOO_LONG: Order_Number__c");
                assertThat(reasons.get(RUN + "-json")).startsWith("The source event is not JSON");
            });
        }
    }

    @Test
    void aDeadEventIsReplayedOnceTheOrgHasItsFieldAndNotTwice() throws Exception {
        try (OutboundEvents events = OutboundEvents.onSharedStack(vertx)) {
            for (int i = 0; i < 3; i++) {
                events.kafka(
                        PRIORITIES,
                        null,
                        "{\"eventId\": \"" + RUN + "-p-" + i + "\", \"order\": \"P-" + i
                                + "\", \"priority\": \"High\"}",
                        Map.of());
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(deadEvents("priorities"))
                            .hasSize(3)
                            .allSatisfy(dead -> assertThat(dead.path("reason").asText())
                                    .isEqualTo("Order_Event__e has no field " + PRIORITY_FIELD)));
            assertThat(events.publishedCounts(RUN + "-p-")).isEmpty();

            given().contentType(ContentType.JSON)
                    .body("{\"name\": \"" + PRIORITY_FIELD + "\", \"type\": \"string\", \"length\": 20}")
                    .post(SIMULATOR + "/simulator/org/objects/Order_Event__e/fields")
                    .then()
                    .statusCode(200);
            List<String> ids = new ArrayList<>();
            deadEvents("priorities").forEach(dead -> ids.add(dead.path("id").asText()));
            String replay = "{\"ids\": [\"" + String.join("\", \"", ids) + "\"]}";
            int waiting = waitingDeadEvents();
            assertThat(waiting).isGreaterThanOrEqualTo(3);
            operator()
                    .contentType(ContentType.JSON)
                    .body(replay)
                    .post("/v1/admin/dead-events/replay")
                    .then()
                    .statusCode(200);
            assertThat(waitingDeadEvents())
                    .as("replayed events are no longer counted")
                    .isEqualTo(waiting - 3);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> events.publishedCounts(RUN + "-p-").size() == 3);
            assertThat(events.published(RUN + "-p-")
                            .get(RUN + "-p-1")
                            .path(PRIORITY_FIELD)
                            .asText())
                    .isEqualTo("High");

            // Replayed again (an operator's second click): deduplicated by source id, not published twice.
            operator()
                    .contentType(ContentType.JSON)
                    .body(replay)
                    .post("/v1/admin/dead-events/replay")
                    .then()
                    .statusCode(200);
            Thread.sleep(3000);
            assertThat(events.publishedCounts(RUN + "-p-").values()).containsOnly(1);
            assertThat(deadEvents("priorities")).isEmpty();
        }
    }

    /**
     * A replica killed between putting an event on the dead-letter topic and recording it left a dying entry
     * older than the claim timeout: a copy looks on the topic and writes no second dead letter when the first
     * got there (refused by the org, or not JSON at all), and writes the one that is missing when it did not.
     */
    @Test
    void aDeadLetterCutShortByACrashIsWrittenOnceWhenItsCopyComes() throws Exception {
        try (OutboundEvents events = OutboundEvents.onSharedStack(vertx, false)) {
            String refused = "{\"order\": {\"number\": \"\"}, \"run\": \"" + RUN + "\"}";
            String notJson = "order " + RUN + ", not JSON";
            Map<String, String> cutShort =
                    Map.of(RUN + "-cut-refused", refused, RUN + "-cut-json", notJson, RUN + "-cut-unsent", refused);
            long crashed = System.currentTimeMillis() - 10_000;
            cutShort.keySet()
                    .forEach(id -> redis.value(String.class)
                            .set(PublishLedger.key("orders", id), "D|killed-replica|" + crashed));
            for (String id : List.of(RUN + "-cut-refused", RUN + "-cut-json")) { // these got onto the topic
                events.kafka(
                        "governor.events.dlq.v1",
                        "orders:" + id,
                        cutShort.get(id),
                        Map.of(
                                DeadEvents.ROUTE,
                                "orders",
                                DeadEvents.SOURCE_ID,
                                id,
                                DeadEvents.REASON,
                                "written before the crash",
                                DeadEvents.ORIGIN,
                                "kafka:" + ORDERS));
            }

            cutShort.forEach((id, body) -> send(events, id, body));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(cutShort.keySet())
                            .allSatisfy(
                                    id -> assertThat(redis.value(String.class).get(PublishLedger.key("orders", id)))
                                            .startsWith("X|")));
            // No wait for stragglers: the copy marks an event dead only after the dead-letter topic acknowledged
            // what it wrote, and the list below reads that topic to its end.
            Map<String, List<String>> reasons = new HashMap<>();
            for (JsonNode dead : deadEvents("orders")) {
                String id = dead.path("sourceId").asText();
                if (cutShort.containsKey(id)) {
                    reasons.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(dead.path("reason").asText());
                }
            }
            assertThat(reasons.get(RUN + "-cut-refused")).containsExactly("written before the crash");
            assertThat(reasons.get(RUN + "-cut-json")).containsExactly("written before the crash");
            assertThat(reasons.get(RUN + "-cut-unsent"))
                    .containsExactly("REQUIRED_FIELD_MISSING: Required fields are missing: [Order_Number__c]");
            assertThat(events.publishedCounts(RUN + "-cut-")).isEmpty();
        }
    }

    @Test
    void theAdminApiTakesOnlyOperatorsAndClearRequests() {
        given().get("/v1/admin/dead-events").then().statusCode(401);
        given().get("/v1/admin/bridge/subscriptions").then().statusCode(401);
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .get("/v1/admin/bridge/subscriptions")
                .then()
                .statusCode(403);
        operator().get("/v1/admin/bridge/subscriptions").then().statusCode(200);
        given().auth()
                .oauth2(CallerTokens.of("crm-sync"))
                .get("/v1/admin/dead-events")
                .then()
                .statusCode(403);
        operator().queryParam("limit", 0).get("/v1/admin/dead-events").then().statusCode(400);
        operator()
                .contentType(ContentType.JSON)
                .body("{\"ids\": [\"not-an-id\"]}")
                .post("/v1/admin/dead-events/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        operator()
                .contentType(ContentType.JSON)
                .body("{\"ids\": [\"0-999999999\"]}")
                .post("/v1/admin/dead-events/replay")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static void send(OutboundEvents events, String id, String body) {
        try {
            events.kafka(ORDERS, "cut", body, Map.of("ce_id", id));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> mixedCounts(OutboundEvents events) {
        Map<String, Integer> counts = new HashMap<>(events.publishedCounts(RUN + "-k-"));
        counts.putAll(events.publishedCounts(RUN + "-m-"));
        counts.putAll(events.publishedCounts(RUN + "-type"));
        counts.putAll(events.publishedCounts(RUN + "-required"));
        counts.putAll(events.publishedCounts(RUN + "-long"));
        counts.putAll(events.publishedCounts(RUN + "-json"));
        return counts;
    }

    private static Map<String, String> id(String name) {
        return Map.of("ce_id", RUN + "-" + name);
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(CallerTokens.of("operator"));
    }

    /** The console's figure of dead events not yet replayed, checked against the list it stands for. */
    private static int waitingDeadEvents() {
        int listed = OutboundEvents.read(operator()
                        .queryParam("limit", 1000)
                        .get("/v1/admin/dead-events")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .size();
        int counted = operator()
                .get("/v1/admin/dead-events/count")
                .then()
                .statusCode(200)
                .body("capped", equalTo(false))
                .extract()
                .path("count");
        assertThat(counted).isEqualTo(listed);
        return counted;
    }

    private static List<JsonNode> deadEvents(String route) {
        JsonNode list = OutboundEvents.read(operator()
                .queryParam("route", route)
                .queryParam("limit", 1000)
                .get("/v1/admin/dead-events")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode dead : list) {
            String body = dead.path("body").asText("");
            String origin = dead.path("origin").asText("");
            if (origin.contains(RUN) || body.contains(RUN)) {
                mine.add(dead);
            }
        }
        return mine;
    }

    /** Reasons of this run's dead events on a route, by source id (null: the one without an id). */
    private static Map<String, String> deadReasons(String route) {
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode dead : deadEvents(route)) {
            reasons.put(
                    dead.path("sourceId").isNull()
                            ? null
                            : dead.path("sourceId").asText(),
                    dead.path("reason").asText());
        }
        return reasons;
    }
}
