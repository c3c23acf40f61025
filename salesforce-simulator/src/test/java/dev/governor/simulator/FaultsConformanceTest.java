package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Injected faults behave like the real ones, and the admin API undoes them. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class FaultsConformanceTest extends OrgConformanceTest {

    @Test
    void injectedServerUnavailableFailsWholeCallsButTheyStillCount() {
        Org.faults("{\"serverUnavailableRate\": {\"collections\": 1.0}}");

        Org.as(token)
                .body(Org.accounts(false, "S-1=x"))
                .patch(UPSERT)
                .then()
                .statusCode(503)
                .header("Sforce-Limit-Info", "api-usage=1/150000")
                .body("[0].errorCode", equalTo("SERVER_UNAVAILABLE"));
        Org.as(token).get(V + "/limits").then().statusCode(200);
        given().get("/simulator/records/Account").then().body("totalSize", equalTo(0));

        given().delete("/simulator/faults").then().statusCode(200);
        Org.as(token).body(Org.accounts(false, "S-1=x")).patch(UPSERT).then().statusCode(200);
        Org.stats().then().body("injected.serverUnavailable", equalTo(1));
    }

    @Test
    void injectedLockErrorsFailRecordsNotTheCall() {
        Org.faults("{\"lockRowRate\": 1.0}");

        Org.as(token)
                .body(Org.accounts(false, "L-1=x", "L-2=y"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("success", contains(false, false))
                .body("[0].errors[0].statusCode", equalTo("UNABLE_TO_LOCK_ROW"))
                .body("[0].errors[0].message", startsWith("unable to obtain exclusive access to this record"));
        Org.as(token)
                .body("{\"Name\": \"x\"}")
                .patch(V + "/sobjects/Account/External_Id__c/L-3")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("UNABLE_TO_LOCK_ROW"));
    }

    @Test
    void anOutageRefusesTokenAndApiCallsUntilItEnds() {
        Org.faults("{\"outageUntil\": \"" + Instant.now().plusSeconds(60) + "\"}");

        Org.as(token).get(V + "/limits").then().statusCode(503).body("[0].errorCode", equalTo("SERVER_UNAVAILABLE"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .post("/services/oauth2/token")
                .then()
                .statusCode(503);

        Org.faults("{\"outageUntil\": \"" + Instant.now().minusSeconds(1) + "\"}");
        Org.as(token).get(V + "/limits").then().statusCode(200);
    }

    @Test
    void injectedLatencyDelaysTheAnswerAfterTheWriteIsDone() {
        Org.faults("{\"latency\": {\"collections\": {\"fixedMs\": 400}}}");

        long started = System.nanoTime();
        Org.as(token).body(Org.accounts(false, "T-1=x")).patch(UPSERT).then().statusCode(200);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        given().get("/simulator/faults").then().body("latency.collections.fixedMs", equalTo(400));
    }

    @Test
    void resetReturnsToAFreshOrg() {
        Org.as(token).body(Org.accounts(false, "R-1=x")).patch(UPSERT).then().statusCode(200);
        Org.faults("{\"lockRowRate\": 1.0}");
        Org.advanceClock(60);

        Org.reset();

        Org.stats()
                .then()
                .body("apiCalls", equalTo(0))
                .body("clock.offsetSeconds", equalTo(0))
                .body("limits.dailyApiRequests.used", equalTo(0));
        given().get("/simulator/records/Account").then().body("totalSize", equalTo(0));
        given().get("/simulator/faults").then().body("lockRowRate", equalTo(0.0f));
        Org.as(token).get(V + "/limits").then().statusCode(401);
    }
}
