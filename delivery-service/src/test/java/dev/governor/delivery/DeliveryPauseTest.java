package dev.governor.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.governor.delivery.DeliveryTestKit.Account;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.SimulatedOrg;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery pauses — fetching nothing, committing nothing, losing nothing — while the org's daily budget
 * is spent and resumes on its own when the window frees; an operator can pause and resume it too.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class DeliveryPauseTest extends DeliveryStackTest {

    @Test
    void aSpentDailyBudgetPausesDeliveryUntilTheWindowFrees() {
        long max = kit.stats().getLong("limits.dailyApiRequests.max");
        SimulatedOrg.spendDailyAllocation(kit.simulator(""), 100);
        try {
            String run = DeliveryTestKit.run();
            List<String> trackingIds = kit.produceAll(
                    List.of(new Account("B-" + run + "-1", "One"), new Account("B-" + run + "-2", "Two")));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> as("operator")
                            .get("/v1/admin/delivery")
                            .then()
                            .statusCode(200)
                            .body("paused", equalTo(true))
                            .body("reasons", hasItem("WRITES_HELD")));
            assertThat(kit.refused("TOTAL_REQUESTS_LIMIT")).isPositive();
            assertThat(kit.finalStatuses(trackingIds)).isEmpty();
            // What operators see of it: the writes waiting, and the day's calls past the line Governor stops at.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                io.restassured.path.json.JsonPath state = as("operator")
                        .get("/v1/admin/delivery")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(state.getLong("backlog")).isGreaterThanOrEqualTo(2);
                long lowered = kit.stats().getLong("limits.dailyApiRequests.max");
                assertThat(state.getLong("budget.max")).isEqualTo(lowered);
                assertThat(state.getLong("budget.used")).isGreaterThanOrEqualTo(state.getLong("budget.stopsAt"));
                assertThat(state.getLong("budget.stopsAt")).isLessThan(lowered);
            });

            given().contentType("application/json")
                    .body("{\"seconds\": 86460}")
                    .post(kit.simulator("/simulator/clock/advance"))
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> kit.finalStatuses(trackingIds).size() == 2);
            assertThat(kit.finalStatuses(trackingIds).values()).containsOnly("CREATED");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            as("operator").get("/v1/admin/delivery").then().body("paused", equalTo(false)));
        } finally {
            given().contentType("application/json")
                    .body("{\"dailyApiRequests\": " + max + "}")
                    .put(kit.simulator("/simulator/limits"))
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aLoginTheOrgRefusesHoldsWritesInsteadOfSpendingTheirAttempts() {
        kit.faults("{\"refuseLogins\": true}");
        given().post(kit.simulator("/simulator/sessions/revoke")).then().statusCode(200);
        String run = DeliveryTestKit.run();
        List<String> trackingIds;
        try {
            trackingIds = kit.produceAll(
                    List.of(new Account("G-" + run + "-1", "One"), new Account("G-" + run + "-2", "Two")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> as("operator")
                            .get("/v1/admin/delivery")
                            .then()
                            .statusCode(200)
                            .body("paused", equalTo(true))
                            .body("reasons", hasItem("WRITES_HELD"))
                            .body("heldBecause", containsString("LOGIN_REFUSED")));
            // Held, not retried into the dead-letter topic: no outcome at all while the org refuses the login.
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> kit.outcomesOf(trackingIds).isEmpty());
        } finally {
            kit.clearFaults();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(trackingIds).size() == 2);
        assertThat(kit.finalStatuses(trackingIds).values()).containsOnly("CREATED");
    }

    @Test
    void anOperatorPausesAndResumesDelivery() {
        as("operator")
                .post("/v1/admin/delivery/pause")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true))
                .body("reasons", hasItem("OPERATOR"));
        String trackingId;
        try {
            trackingId = kit.produceAll(List.of(new Account("P-" + DeliveryTestKit.run(), "Paused")))
                    .get(0);
            // Nothing is consumed while paused: no outcome for the whole of four seconds.
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> kit.statusesOf(trackingId).isEmpty());
        } finally {
            as("operator")
                    .post("/v1/admin/delivery/resume")
                    .then()
                    .statusCode(200)
                    .body("paused", equalTo(false));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        "CREATED".equals(kit.finalStatuses(List.of(trackingId)).get(trackingId)));
    }

    @Test
    void theAdminApiIsForOperatorsOnly() {
        given().get("/v1/admin/delivery")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/unauthenticated"));
        as("crm-sync")
                .post("/v1/admin/delivery/pause")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/forbidden"));
        as("dashboard").get("/v1/admin/dead-letters").then().statusCode(403);
    }
}
