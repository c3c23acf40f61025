package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The org's limits: the daily allocation with Sforce-Limit-Info, /limits, the concurrency cap, event publishing. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class LimitsConformanceTest extends OrgConformanceTest {

    @Test
    void everyCountedResponseCarriesTheDailyUsageAndLimitsAgreesWithIt() {
        Org.as(token).get(V + "/sobjects").then().statusCode(200).header("Sforce-Limit-Info", "api-usage=1/150000");
        Org.as(token)
                .get(V + "/sobjects/Account/describe")
                .then()
                .statusCode(200)
                .header("Sforce-Limit-Info", "api-usage=2/150000");

        Org.as(token)
                .get(V + "/limits")
                .then()
                .statusCode(200)
                .header("Sforce-Limit-Info", "api-usage=3/150000")
                .body("DailyApiRequests.Max", equalTo(150000))
                .body("DailyApiRequests.Remaining", equalTo(150000 - 3))
                .body("HourlyPublishedPlatformEvents.Max", equalTo(250000))
                .body("DailyDeliveredPlatformEvents.Max", equalTo(25000));
    }

    @Test
    void theVersionsListNeedsNoSessionAndIsNotCounted() {
        given().get("/services/data/")
                .then()
                .statusCode(200)
                .header("Sforce-Limit-Info", nullValue())
                .body("find { it.version == '63.0' }.url", equalTo("/services/data/v63.0"))
                .body("find { it.version == '63.0' }.label", equalTo("Spring '25"));
        Org.stats().then().body("apiCalls", equalTo(0));
        given().get("/services/data/v12.0/limits").then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"));
    }

    @Test
    void aSpentDailyAllocationAnswers403TotalRequestsUntilTheRollingWindowFreesIt() {
        Org.limits("{\"dailyApiRequests\": 3}");
        for (int i = 1; i <= 3; i++) {
            Org.as(token)
                    .get(V + "/limits")
                    .then()
                    .statusCode(200)
                    .header("Sforce-Limit-Info", "api-usage=" + i + "/3");
        }

        Org.as(token)
                .get(V + "/limits")
                .then()
                .statusCode(403)
                .header("Sforce-Limit-Info", "api-usage=3/3")
                .body("[0].errorCode", equalTo("REQUEST_LIMIT_EXCEEDED"))
                .body("[0].message", equalTo("TotalRequests Limit exceeded."));
        Org.as(token)
                .body(Org.accounts(false, "X=x"))
                .patch(V + "/composite/sobjects/Account/External_Id__c")
                .then()
                .statusCode(403);

        Org.advanceClock(23 * 3600);
        token = Org.token(); // the session timed out meanwhile; token requests are not API calls
        Org.as(token).get(V + "/limits").then().statusCode(403);
        Org.advanceClock(3600 + 60);
        token = Org.token();
        Org.as(token).get(V + "/limits").then().statusCode(200).header("Sforce-Limit-Info", "api-usage=1/3");
        Org.stats().then().body("refused.TOTAL_REQUESTS_LIMIT", equalTo(3));
    }

    @Test
    void theConcurrentLongRunningCapRefusesNewRequestsWhileTheSlowOnesRun() {
        Org.limits("{\"concurrentLongRunning\": 2, \"longRunningThresholdMs\": 300}");
        Org.faults("{\"latency\": {\"limits\": {\"fixedMs\": 2500}}}");
        List<CompletableFuture<Response>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(CompletableFuture.supplyAsync(() -> Org.as(token).get(V + "/limits")));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> given().get("/simulator/limits")
                        .path("concurrentLongRunning.longRunning")
                        .equals(2));

        Org.as(token)
                .get(V + "/sobjects")
                .then()
                .statusCode(403)
                .body("[0].errorCode", equalTo("REQUEST_LIMIT_EXCEEDED"))
                .body("[0].message", equalTo("ConcurrentRequests (Concurrent API Requests) Limit exceeded."));

        slow.forEach(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        Org.as(token).get(V + "/sobjects").then().statusCode(200);
        Org.stats()
                .then()
                .body("maxConcurrentLongRunning", equalTo(2))
                .body("refused.CONCURRENT_REQUESTS_LIMIT", equalTo(1));
    }

    @Test
    void shortRequestsAreNeverCapped() {
        Org.limits("{\"concurrentLongRunning\": 1}");
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> Org.as(token).get(V + "/limits").statusCode()));
        }
        calls.forEach(call -> assertThat(call.join()).isEqualTo(200));
        Org.stats().then().body("maxConcurrentLongRunning", equalTo(0));
    }

    @Test
    void overlongUrisAndHeadersAreRefusedBeforeTheyCount() {
        Org.as(token)
                .queryParam("q", "SELECT Id FROM Account WHERE Name = '" + "x".repeat(17_000) + "'")
                .get(V + "/query")
                .then()
                .statusCode(414);
        Org.as(token)
                .header("X-Padding", "y".repeat(17_000))
                .get(V + "/limits")
                .then()
                .statusCode(431);
        Org.stats().then().body("apiCalls", equalTo(0));
    }

    @Test
    void theHourlyPlatformEventAllocationRefusesPublishesBeyondIt() {
        Org.limits("{\"hourlyPublishedPlatformEvents\": 2}");
        String event = "{\"Order_Number__c\": \"O-1\", \"Status__c\": \"Placed\"}";
        Org.as(token).body(event).post(V + "/sobjects/Order_Event__e/").then().statusCode(201);
        Org.as(token).body(event).post(V + "/sobjects/Order_Event__e/").then().statusCode(201);

        Org.as(token)
                .body(event)
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("LIMIT_EXCEEDED"));

        Org.as(token).get(V + "/limits").then().body("HourlyPublishedPlatformEvents.Remaining", equalTo(0));
        Org.advanceClock(3601);
        Org.as(token = Org.token())
                .body(event)
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201);
    }
}
