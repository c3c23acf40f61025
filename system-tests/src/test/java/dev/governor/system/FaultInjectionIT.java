package dev.governor.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatedOrg;
import dev.governor.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product's guarantee with everything running as separate processes, the way users run it: while a
 * steady load of writes flows through the ingress, each test injects one fault — a killed process, a
 * stopped broker or Redis, an org in trouble — recovers from it, and checks record by record that every
 * write the ingress acknowledged ended in the simulated org at its latest version, created once, or on
 * the dead-letter topic with a permanent reason, and that callers only ever saw 202 or a clear,
 * retryable refusal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final int MAX_CONCURRENT = 4;

    /** Fast retries and pauses, short leases (a killed process's permits and claims come back quickly). */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("GOVERNOR_SALESFORCE_LIMITS_ORG", "fault-suite"),
            Map.entry("GOVERNOR_SALESFORCE_LIMITS_CALLS_PER_SECOND", "20"),
            Map.entry("GOVERNOR_SALESFORCE_LIMITS_BURST", "10"),
            Map.entry("GOVERNOR_SALESFORCE_LIMITS_MAX_CONCURRENT", Integer.toString(MAX_CONCURRENT)),
            Map.entry("GOVERNOR_SALESFORCE_LIMITS_PERMIT_LEASE", "10S"),
            Map.entry("GOVERNOR_DELIVERY_ORDERING_LEASE", "10S"),
            Map.entry("GOVERNOR_DELIVERY_RETRY_DELAYS", "500MS,1S,2S"),
            Map.entry("GOVERNOR_DELIVERY_MAX_ATTEMPTS", "12"),
            Map.entry("GOVERNOR_DELIVERY_PAUSE_PROBE_INTERVAL", "2S"));

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(
                    Infrastructure.KAFKA,
                    Infrastructure.REDIS,
                    Infrastructure.OIDC,
                    Infrastructure.SIMULATOR,
                    Infrastructure.INGRESS,
                    Infrastructure.DELIVERY),
            SETTINGS);

    private static OrgLedger ledger;

    @BeforeAll
    static void ledger() {
        ledger = new OrgLedger(simulator(""), new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA)));
    }

    @AfterEach
    void everythingBackUp() {
        given().delete(simulator("/simulator/faults"));
        stack.up();
    }

    private static String simulator(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR) + path;
    }

    private static WriteLoad load(String fault) {
        String prefix = fault + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new WriteLoad(
                        "http://127.0.0.1:" + stack.port(Infrastructure.INGRESS),
                        caller -> CallerTokens.of(caller, stack),
                        prefix,
                        60,
                        6,
                        40)
                .start();
    }

    /** Runs the load around the fault, then waits for the org to settle and checks every record. */
    private static void underLoad(String fault, Runnable inject) {
        WriteLoad load = load(fault);
        pause(Duration.ofSeconds(3));
        inject.run();
        pause(Duration.ofSeconds(3));
        load.close();

        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> ledger.check(load).settled());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // The assertions below say what did not settle.
        }
        OrgLedger.Verdict verdict = ledger.check(load);
        System.out.printf(
                "FAULT %-24s writes accepted %5d, refused at the door %3d, answers %s; records %s%n",
                fault, load.accepted(), load.refusedAtTheDoor(), load.answers(), verdict);
        OrgLedger.assertWhole(load, verdict);
        JsonPath org =
                given().get(simulator("/simulator/stats")).then().extract().jsonPath();
        assertThat(org.getInt("maxConcurrentRequests"))
                .as("the org's most concurrent requests, against the governor's limit of " + MAX_CONCURRENT)
                .isLessThanOrEqualTo(MAX_CONCURRENT);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(1)
    void deliveryKilledMidBatch() {
        underLoad("kill-delivery", () -> {
            stack.kill(Infrastructure.DELIVERY);
            pause(Duration.ofSeconds(2));
            stack.up(Infrastructure.DELIVERY);
        });
    }

    @Test
    @Order(2)
    void ingressKilled() {
        underLoad("kill-ingress", () -> {
            stack.kill(Infrastructure.INGRESS);
            pause(Duration.ofSeconds(2));
            stack.up(Infrastructure.INGRESS);
        });
    }

    @Test
    @Order(3)
    void kafkaStoppedAndRestarted() {
        underLoad("kafka-restart", () -> {
            stack.down(Infrastructure.KAFKA);
            pause(Duration.ofSeconds(3));
            stack.up(Infrastructure.KAFKA);
        });
    }

    @Test
    @Order(4)
    void redisStoppedAndRestarted() {
        underLoad("redis-restart", () -> {
            stack.down(Infrastructure.REDIS);
            pause(Duration.ofSeconds(3));
            stack.up(Infrastructure.REDIS);
        });
    }

    /**
     * A Redis primary killed outright: on a cluster its replica is promoted and takes its slots (about
     * five seconds of refusals for keys there), on one server Redis is gone until restarted; the killed
     * node then comes back (a cluster's as a replica of its successor).
     */
    @Test
    @Order(4)
    void redisPrimaryKilled() {
        underLoad("redis-primary-kill", () -> {
            int port = stack.killRedisPrimary();
            System.out.println("FAULT redis-primary-kill: SIGKILLed the primary on port " + port);
            pause(Duration.ofSeconds(8));
            stack.up(Infrastructure.REDIS);
        });
    }

    @Test
    @Order(5)
    void salesforceOutage() {
        underLoad("org-outage", () -> {
            given().contentType("application/json")
                    .body("{\"outageUntil\": \"" + Instant.now().plusSeconds(6) + "\"}")
                    .put(simulator("/simulator/faults"))
                    .then()
                    .statusCode(200);
            pause(Duration.ofSeconds(6));
        });
    }

    @Test
    @Order(6)
    void lockErrorStorm() {
        underLoad("lock-storm", () -> {
            given().contentType("application/json")
                    .body("{\"lockRowRate\": 0.6}")
                    .put(simulator("/simulator/faults"))
                    .then()
                    .statusCode(200);
            pause(Duration.ofSeconds(6));
            given().delete(simulator("/simulator/faults")).then().statusCode(200);
        });
    }

    @Test
    @Order(7)
    void sessionsRevoked() {
        underLoad("token-revoked", () -> {
            for (int i = 0; i < 3; i++) {
                given().post(simulator("/simulator/sessions/revoke")).then().statusCode(200);
                pause(Duration.ofSeconds(2));
            }
        });
    }

    @Test
    @Order(8)
    void dailyBudgetSpent() {
        long max = given().get(simulator("/simulator/stats"))
                .then()
                .extract()
                .jsonPath()
                .getLong("limits.dailyApiRequests.max");
        underLoad("budget-spent", () -> {
            SimulatedOrg.spendDailyAllocation(simulator(""), 200);
            pause(Duration.ofSeconds(5));
            given().contentType("application/json")
                    .body("{\"seconds\": 86460}")
                    .post(simulator("/simulator/clock/advance"))
                    .then()
                    .statusCode(200);
        });
        given().contentType("application/json")
                .body("{\"dailyApiRequests\": " + max + "}")
                .put(simulator("/simulator/limits"))
                .then()
                .statusCode(200);
    }
}
