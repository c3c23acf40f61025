package dev.governor.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.common.topic.Topics;
import dev.governor.delivery.DeliveryTestKit.Account;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatedOrg;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery as users run it: packaged, its own process, against a real broker, Redis and the simulator.
 * Killed with SIGKILL in the middle of a backlog and started again, it loses and duplicates nothing;
 * run as two replicas, they share one budget and stay together inside the org's call rate and
 * concurrency cap, as the simulator's observed maxima show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryProcessIT {

    /** The limit guard's settings for both replicas: a tight rate and two permits, short leases for the kill. */
    private static final Map<String, String> TIGHT_GOVERNOR = Map.of(
            "GOVERNOR_SALESFORCE_LIMITS_ORG", "process-it",
            "GOVERNOR_SALESFORCE_LIMITS_CALLS_PER_SECOND", "4",
            "GOVERNOR_SALESFORCE_LIMITS_BURST", "1",
            "GOVERNOR_SALESFORCE_LIMITS_MAX_CONCURRENT", "2",
            "GOVERNOR_SALESFORCE_LIMITS_PERMIT_LEASE", "10S",
            "GOVERNOR_DELIVERY_ORDERING_LEASE", "10S",
            "GOVERNOR_DELIVERY_RETRY_DELAYS", "500MS,1S,2S",
            "GOVERNOR_SERVICE_HEAP", "192m");

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(DeliveryTestKit.DELIVERY_STACK, TIGHT_GOVERNOR);

    static DeliveryTestKit kit;

    @BeforeAll
    static void kit() {
        kit = new DeliveryTestKit(stack);
    }

    /** Accounts of one run, each with its latest Name: some get a second version while the backlog drains. */
    private static Map<String, String> workload(String prefix, int records) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (int i = 0; i < records; i++) {
            latest.put(prefix + i, "first " + i);
        }
        return latest;
    }

    /** Produces the workload's first versions, then second versions of every fifth record, in the background. */
    private static CompletableFuture<Map<String, String>> produceWithUpdates(String prefix, int records) {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, String> latest = workload(prefix, records);
            List<Account> first = new ArrayList<>();
            latest.forEach((id, name) -> first.add(new Account(id, name)));
            kit.produceAll(first);
            List<Account> second = new ArrayList<>();
            for (int i = 0; i < records; i += 5) {
                latest.put(prefix + i, "second " + i);
                second.add(new Account(prefix + i, "second " + i));
            }
            kit.produceAll(second);
            return latest;
        });
    }

    /** Checks every record of the run against the simulator's records: checked, stored, lost, duplicated, stale. */
    private static Map<String, Integer> check(String prefix, Map<String, String> latest) {
        Map<String, Map<String, Object>> stored =
                SimulatedOrg.recordsByExternalId(kit.simulator(""), "Account", "External_Id__c", prefix);
        int lost = 0;
        int duplicated = 0;
        int stale = 0;
        for (Map.Entry<String, String> expected : latest.entrySet()) {
            Map<String, Object> record = stored.get(expected.getKey());
            if (record == null) {
                lost++;
            } else {
                duplicated += ((Number) record.get("creates")).intValue() > 1 ? 1 : 0;
                stale += expected.getValue().equals(((Map<?, ?>) record.get("fields")).get("Name")) ? 0 : 1;
            }
        }
        return Map.of(
                "checked",
                latest.size(),
                "stored",
                stored.size(),
                "lost",
                lost,
                "duplicated",
                duplicated,
                "stale",
                stale);
    }

    @Test
    @Order(1)
    void aKilledDeliveryProcessLosesAndDuplicatesNothing() {
        kit.faults("{\"latency\": {\"collections\": {\"fixedMs\": 300}}}");
        String prefix = "K-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        CompletableFuture<Map<String, String>> produced = produceWithUpdates(prefix, 3000);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> kit.stats().getInt("apiCalls") >= 3);
        stack.kill(Infrastructure.DELIVERY);
        int storedAtKill = check(prefix, workload(prefix, 0)).get("stored");
        stack.up(Infrastructure.DELIVERY);
        Map<String, String> latest = produced.join();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Map<String, Integer> result = check(prefix, latest);
                    return result.get("lost") == 0 && result.get("stale") == 0;
                });
        Map<String, Integer> result = check(prefix, latest);
        System.out.printf("kill -9 delivery mid-backlog: %s (records stored when killed: %d)%n", result, storedAtKill);
        assertThat(result)
                .containsEntry("lost", 0)
                .containsEntry("duplicated", 0)
                .containsEntry("stale", 0)
                .containsEntry("stored", latest.size());
        assertThat(kit.topics()
                        .collect(Topics.RECORDS_DEAD_LETTER, r -> r.key().startsWith(DeliveryTestKit.key(prefix))))
                .isEmpty();
        kit.clearFaults();
    }

    private static final Pattern ASSIGNED = Pattern.compile(
            "kafka_consumer_coordinator_assigned_partitions\\{client_id=\"kafka-consumer-records\"[^}]*} ([0-9.]+)");

    /** The records-topic partitions a delivery process holds now, from its metrics. */
    private static int assignedRecordsPartitions(PrivateStack process) {
        String metrics = given().get(
                        "http://127.0.0.1:" + process.managementPort(Infrastructure.DELIVERY) + "/q/metrics")
                .asString();
        Matcher assigned = ASSIGNED.matcher(metrics);
        return assigned.find() ? (int) Double.parseDouble(assigned.group(1)) : 0;
    }

    @Test
    @Order(2)
    void twoReplicasShareTheBudgetAndStayInsideTheRateAndConcurrencyCap() {
        Map<String, String> env = new HashMap<>(TIGHT_GOVERNOR);
        for (Infrastructure shared :
                List.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.SIMULATOR, Infrastructure.OIDC)) {
            env.put(shared.portVariable(), Integer.toString(stack.port(shared)));
        }
        env.put("GOVERNOR_CREDENTIALS_DIR", stack.credentialsDir().toString());
        try (PrivateStack replica = new PrivateStack(EnumSet.of(Infrastructure.DELIVERY), env)) {
            replica.up();
            // Load once both replicas are in the group with partitions of their own: writes a replica fetched
            // before a rebalance are settled by it, and the one that takes the partitions over finds them done.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> assignedRecordsPartitions(stack) > 0 && assignedRecordsPartitions(replica) > 0);
            given().post(kit.simulator("/simulator/reset")).then().statusCode(200);
            kit.faults("{\"latency\": {\"collections\": {\"minMs\": 200, \"maxMs\": 900}}}");
            String prefix = "T-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            Map<String, String> latest = produceWithUpdates(prefix, 4000).join();

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Map<String, Integer> result = check(prefix, latest);
                        return result.get("lost") == 0 && result.get("stale") == 0;
                    });
            JsonPath stats = kit.stats();
            System.out.printf(
                    "two replicas: %s, calls %d, most calls in a second %d, most concurrent %d, refused %s%n",
                    check(prefix, latest),
                    stats.getInt("apiCalls"),
                    stats.getInt("maxCallsPerSecond"),
                    stats.getInt("maxConcurrentRequests"),
                    stats.getMap("refused"));
            assertThat(check(prefix, latest)).containsEntry("duplicated", 0);
            assertThat(stats.getInt("maxConcurrentRequests"))
                    .as("concurrent requests")
                    .isLessThanOrEqualTo(2);
            assertThat(stats.getInt("maxCallsPerSecond"))
                    .as("calls in one second (rate 4 + burst 1)")
                    .isLessThanOrEqualTo(5);
            assertThat(stats.getMap("refused")).doesNotContainKeys("CONCURRENT_REQUESTS_LIMIT", "TOTAL_REQUESTS_LIMIT");
            for (PrivateStack process : List.of(stack, replica)) {
                String metrics = given().get(
                                "http://127.0.0.1:" + process.managementPort(Infrastructure.DELIVERY) + "/q/metrics")
                        .asString();
                assertThat(metrics)
                        .as("each replica wrote some of it")
                        .containsPattern("governor_delivery_records_total\\{outcome=\"(created|updated)\"} [1-9]");
            }
        } finally {
            kit.clearFaults();
        }
    }
}
