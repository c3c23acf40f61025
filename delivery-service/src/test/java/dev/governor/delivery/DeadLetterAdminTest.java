package dev.governor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.governor.common.topic.Topics;
import dev.governor.delivery.DeliveryTestKit.Account;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators list dead letters with their reasons and replay them; a replay never overwrites newer data. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class DeadLetterAdminTest extends DeliveryStackTest {

    private RequestSpecification operator() {
        return as("operator");
    }

    private Map<String, Object> listed(String trackingId, boolean includeReplayed) {
        List<Map<String, Object>> all = operator()
                .queryParam("limit", 1000)
                .queryParam("includeReplayed", includeReplayed)
                .get("/v1/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(d -> trackingId.equals(d.get("trackingId")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aWriteThatRanOutOfAttemptsIsListedWithItsReasonAndReplayedOnce() {
        kit.faults("{\"lockRowRate\": 1.0}");
        String run = DeliveryTestKit.run();
        String trackingId =
                kit.produceAll(List.of(new Account("R-" + run, "Replayed"))).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DEAD_LETTERED"
                        .equals(kit.finalStatuses(List.of(trackingId)).get(trackingId)));
        kit.clearFaults();

        Map<String, Object> deadLetter = listed(trackingId, false);
        assertThat(deadLetter)
                .isNotNull()
                .containsEntry("errorCode", "UNABLE_TO_LOCK_ROW")
                .containsEntry("attempts", 4)
                .containsEntry("externalId", "R-" + run)
                .containsEntry("replayed", false);
        String id = (String) deadLetter.get("id");
        int waiting = operator()
                .queryParam("limit", 1000)
                .get("/v1/admin/dead-letters")
                .then()
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        operator()
                .get("/v1/admin/dead-letters/count")
                .then()
                .statusCode(200)
                .body("count", equalTo(waiting))
                .body("capped", equalTo(false));

        operator()
                .contentType("application/json")
                .body("{\"ids\": [\"" + id + "\"]}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(200)
                .body("replayed", equalTo(1))
                .body("ids", hasItem(id));

        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        "CREATED".equals(kit.finalStatuses(List.of(trackingId)).get(trackingId)));
        assertThat(kit.account("R-" + run).getInt("creates")).isEqualTo(1);
        assertThat(listed(trackingId, false))
                .as("a replayed dead letter is no longer listed")
                .isNull();
        assertThat(listed(trackingId, true)).containsEntry("replayed", true);
        operator().get("/v1/admin/dead-letters/count").then().body("count", equalTo(waiting - 1));
        // "all" takes only what was not replayed yet.
        JsonPath all = operator()
                .contentType("application/json")
                .body("{\"all\": true}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("ids")).doesNotContain(id);
    }

    @Test
    void aReplayedOldVersionIsSupersededByTheNewerOneWrittenMeanwhile() {
        String run = DeliveryTestKit.run();
        String invalid = kit.produceAll(List.of(new Account("V-" + run, null))).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DEAD_LETTERED"
                        .equals(kit.finalStatuses(List.of(invalid)).get(invalid)));
        String fixed = kit.produceAll(List.of(new Account("V-" + run, "Fixed by the caller")))
                .get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CREATED".equals(kit.finalStatuses(List.of(fixed)).get(fixed)));

        String id = (String) listed(invalid, false).get("id");
        operator()
                .contentType("application/json")
                .body("{\"ids\": [\"" + id + "\"]}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.statusesOf(invalid).contains("SUPERSEDED"));
        assertThat(kit.account("V-" + run).getString("fields.Name")).isEqualTo("Fixed by the caller");
        assertThat(kit.topics().collect(Topics.RECORDS, r -> r.key().equals(DeliveryTestKit.key("V-" + run))))
                .hasSize(3);
    }

    @Test
    void deadLettersAreFilteredByObjectErrorCodeAndTimeAndShowTheirRecord() {
        String run = DeliveryTestKit.run();
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        String refused = kit.produceAll(List.of(new Account("F-" + run, null))).get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DEAD_LETTERED"
                        .equals(kit.finalStatuses(List.of(refused)).get(refused)));
        Map<String, Object> letter = listed(refused, false);
        String code = (String) letter.get("errorCode");
        assertThat(letter.get("record")).as("the record as the caller wrote it").isInstanceOf(Map.class);

        assertThat(filtered(Map.of("sobject", "account", "errorCode", code, "from", before.toString())))
                .as("object in any letter case, its code, since before it")
                .contains(refused);
        assertThat(filtered(Map.of("errorCode", "NO_SUCH_CODE"))).doesNotContain(refused);
        assertThat(filtered(Map.of("sobject", "Contact"))).doesNotContain(refused);
        assertThat(filtered(Map.of("to", before.toString()))).doesNotContain(refused);
        operator()
                .queryParam("from", "yesterday")
                .get("/v1/admin/dead-letters")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/invalid-request"));
    }

    private List<String> filtered(Map<String, String> filter) {
        return operator()
                .queryParams(filter)
                .queryParam("limit", 1000)
                .get("/v1/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("trackingId", String.class);
    }

    @Test
    void badReplayRequestsGetProblems() {
        operator()
                .contentType("application/json")
                .body("{}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/invalid-request"));
        operator()
                .contentType("application/json")
                .body("{\"ids\": [\"../etc\"]}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://governor.dev/problems/invalid-request"));
        operator()
                .contentType("application/json")
                .body("{\"ids\": [\"0-999999999\"]}")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://governor.dev/problems/not-found"))
                .body("missing", hasItem("0-999999999"));
        operator()
                .contentType("application/json")
                .body("{not json")
                .post("/v1/admin/dead-letters/replay")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        operator().queryParam("limit", 0).get("/v1/admin/dead-letters").then().statusCode(400);
    }
}
