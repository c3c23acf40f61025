package dev.governor.salesforce.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceCallException;
import dev.governor.salesforce.error.TransientCallException;
import dev.governor.salesforce.limits.BudgetExhaustedException;
import dev.governor.salesforce.limits.LimitGuard;
import dev.governor.salesforce.limits.LimitInfo;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against the simulator in its own process: results, the error taxonomy, session renewal. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "simulator,redis"))
class SalesforceClientTest {

    @Inject
    SalesforceClient client;

    @Inject
    LimitGuard limitGuard;

    @Inject
    UsageSeen usageSeen;

    @Inject
    jakarta.enterprise.event.Event<LimitInfo> usage;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    @InjectPrivateStack
    PrivateStack org;

    private String admin(String path) {
        return "http://127.0.0.1:" + org.port(Infrastructure.SIMULATOR) + path;
    }

    private static Map<String, Object> account(String externalId, String name) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("External_Id__c", externalId);
        if (name != null) {
            record.put("Name", name);
        }
        return record;
    }

    private UpsertResult upsert(List<Map<String, Object>> records) {
        return client.upsert(limitGuard.acquire(), "Account", "External_Id__c", records)
                .await()
                .atMost(Duration.ofSeconds(20));
    }

    @BeforeEach
    void freshOrg() {
        io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().reset("salesforce-writes");
        given().delete(admin("/simulator/faults")).then().statusCode(200);
        given().contentType("application/json")
                .body("{\"dailyApiRequests\": 150000, \"concurrentLongRunning\": 25}")
                .put(admin("/simulator/limits"))
                .then()
                .statusCode(200);
        client.limits().await().atMost(Duration.ofSeconds(10)); // the limit guard learns the org's usage afresh
    }

    @Test
    void upsertsACollectionAndReportsEachRecordInOrder() {
        String run = UUID.randomUUID().toString();
        UpsertResult first =
                upsert(List.of(account("A-" + run, "Acme"), account("B-" + run, null), account("C-" + run, "Initech")));

        assertThat(first.records()).extracting(RecordResult::success).containsExactly(true, false, true);
        assertThat(first.records().get(0).created()).isTrue();
        assertThat(first.records().get(0).id()).startsWith("001");
        assertThat(first.records().get(1).errors().get(0).code()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(first.records().get(1).errorClass()).isEqualTo(ErrorClass.PERMANENT);
        assertThat(first.limitInfo())
                .hasValueSatisfying(info -> assertThat(info.max()).isEqualTo(150000));
        assertThat(usageSeen.seen()).isNotEmpty();

        UpsertResult again = upsert(List.of(account("A-" + run, "Acme Corp")));
        assertThat(again.records().get(0).created()).isFalse();
        assertThat(again.records().get(0).id()).isEqualTo(first.records().get(0).id());
        assertThat(metrics.find("governor_salesforce_calls")
                        .tags("endpoint", "collections-upsert", "outcome", "ok")
                        .timer())
                .as("calls are timed by endpoint and outcome")
                .isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void getsANewSessionOnceWhenTheOrgRevokedIt() {
        upsert(List.of(account("S-" + UUID.randomUUID(), "Before")));
        given().post(admin("/simulator/sessions/revoke")).then().statusCode(200);

        assertThat(upsert(List.of(account("S-" + UUID.randomUUID(), "After")))
                        .records()
                        .get(0)
                        .success())
                .isTrue();
        assertThat(given().get(admin("/simulator/stats")).<Integer>path("refused.INVALID_SESSION_ID"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLoginTheOrgRefusesIsFatal() {
        given().contentType("application/json")
                .body("{\"refuseLogins\": true}")
                .put(admin("/simulator/faults"))
                .then()
                .statusCode(200);
        given().post(admin("/simulator/sessions/revoke")).then().statusCode(200);
        assertThatThrownBy(() -> upsert(List.of(account("L-" + UUID.randomUUID(), "Refused login"))))
                .isInstanceOfSatisfying(SalesforceCallException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.FATAL);
                    assertThat(e.errors().get(0).code()).isEqualTo("LOGIN_REFUSED");
                });

        given().delete(admin("/simulator/faults")).then().statusCode(200);
        assertThat(upsert(List.of(account("L-" + UUID.randomUUID(), "Logged in again")))
                        .records())
                .allMatch(RecordResult::success);
    }

    @Test
    void aSpentDailyAllocationStopsCallsBeforeTheyReachTheOrg() {
        long used = client.limits().await().atMost(Duration.ofSeconds(10)).used();
        given().contentType("application/json")
                .body("{\"dailyApiRequests\": " + (used + 2) + "}")
                .put(admin("/simulator/limits"))
                .then()
                .statusCode(200);
        upsert(List.of(account("D-" + UUID.randomUUID(), "Last call")));
        int callsBefore = given().get(admin("/simulator/stats")).path("apiCalls");

        assertThatThrownBy(() -> upsert(List.of(account("D-" + UUID.randomUUID(), "Held back"))))
                .isInstanceOf(BudgetExhaustedException.class);
        assertThat(given().get(admin("/simulator/stats")).<Integer>path("apiCalls"))
                .isEqualTo(callsBefore);
    }

    @Test
    void theOrgsOwnDailyLimitIsADailyLimitFailure() {
        long used = client.limits().await().atMost(Duration.ofSeconds(10)).used();
        given().contentType("application/json")
                .body("{\"dailyApiRequests\": " + used + "}")
                .put(admin("/simulator/limits"))
                .then()
                .statusCode(200);
        usage.fire(new LimitInfo(0, 150_000)); // another integration spent the rest since the limit guard last looked

        assertThatThrownBy(() -> upsert(List.of(account("D-" + UUID.randomUUID(), "Refused"))))
                .isInstanceOfSatisfying(SalesforceCallException.class, e -> {
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.DAILY_LIMIT);
                    assertThat(e.status()).isEqualTo(403);
                });
    }

    @Test
    void theConcurrencyCapIsAConcurrencyFailure() {
        given().contentType("application/json")
                .body("{\"concurrentLongRunning\": 0}")
                .put(admin("/simulator/limits"))
                .then()
                .statusCode(200);

        assertThatThrownBy(() -> upsert(List.of(account("Q-" + UUID.randomUUID(), "x"))))
                .isInstanceOfSatisfying(
                        SalesforceCallException.class,
                        e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CONCURRENCY_LIMIT));
    }

    @Test
    void theCircuitOpensAfterRepeatedTransientFailuresAndStopsCallingTheOrg() {
        given().contentType("application/json")
                .body("{\"serverUnavailableRate\": {\"collections\": 1.0}}")
                .put(admin("/simulator/faults"))
                .then()
                .statusCode(200);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> upsert(List.of(account("CB-" + UUID.randomUUID(), "x"))))
                    .isInstanceOf(TransientCallException.class);
        }
        int callsBefore = given().get(admin("/simulator/stats")).path("callsByEndpoint.collections");

        assertThatThrownBy(() -> upsert(List.of(account("CB-" + UUID.randomUUID(), "x"))))
                .isInstanceOf(org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException.class);
        assertThat(given().get(admin("/simulator/stats")).<Integer>path("callsByEndpoint.collections"))
                .isEqualTo(callsBefore);
    }

    @Test
    void serverUnavailableIsTransientAndLockErrorsAreTransientPerRecord() {
        given().contentType("application/json")
                .body("{\"serverUnavailableRate\": {\"collections\": 1.0}}")
                .put(admin("/simulator/faults"))
                .then()
                .statusCode(200);
        assertThatThrownBy(() -> upsert(List.of(account("T-" + UUID.randomUUID(), "x"))))
                .isInstanceOfSatisfying(
                        TransientCallException.class,
                        e -> assertThat(e.status()).isEqualTo(503));

        given().contentType("application/json")
                .body("{\"lockRowRate\": 1.0}")
                .put(admin("/simulator/faults"))
                .then()
                .statusCode(200);
        RecordResult locked = upsert(List.of(account("L-" + UUID.randomUUID(), "x")))
                .records()
                .get(0);
        assertThat(locked.success()).isFalse();
        assertThat(locked.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
    }
}
