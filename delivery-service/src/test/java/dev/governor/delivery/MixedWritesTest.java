package dev.governor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes as real callers send them — partial versions naming different fields, records Salesforce
 * refuses among valid ones, a lease left by a crashed writer — end in the org as the fold of each
 * record's writes, and one record never sinks another.
 */
@NeedsStack
@QuarkusTest
@TestProfile(MixedWritesTest.Patient.class)
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class MixedWritesTest extends DeliveryStackTest {

    /** Enough attempts that a record can wait out a lock-error storm the test ends when it likes; a short lease. */
    public static class Patient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "governor.delivery.max-attempts",
                    "12",
                    "governor.delivery.retry-delays",
                    "500MS,1S,1S",
                    "governor.delivery.ordering.lease",
                    "3S");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void partialVersionsInOneBatchAreFoldedFieldByField() {
        String run = DeliveryTestKit.run();
        List<Map.Entry<String, Map<String, Object>>> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            writes.add(Map.entry("P-" + run + "-" + i, Map.of("Name", "first", "Phone", "555-0" + i)));
            writes.add(Map.entry("P-" + run + "-" + i, Map.of("Name", "second", "Industry", "Energy")));
        }

        List<String> trackingIds = kit.produceWrites(writes);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> kit.finalStatuses(trackingIds).size() == trackingIds.size());
        assertThat(kit.finalStatuses(trackingIds).values()).allMatch(s -> s.equals("CREATED") || s.equals("UPDATED"));
        for (int i = 0; i < 10; i++) {
            JsonPath account = kit.account("P-" + run + "-" + i);
            assertThat(account.getString("fields.Name")).isEqualTo("second");
            assertThat(account.getString("fields.Phone"))
                    .as("the first version's field")
                    .isEqualTo("555-0" + i);
            assertThat(account.getString("fields.Industry")).isEqualTo("Energy");
            assertThat(account.getInt("creates")).isEqualTo(1);
        }
    }

    @Test
    void anEarlierVersionWaitingForAnotherAttemptIsNotOvertakenByALaterOne() {
        String run = DeliveryTestKit.run();
        kit.faults("{\"lockRowRate\": 1.0}");
        String first = kit.produceWrites(
                        List.of(Map.entry("W-" + run, Map.of("Name", "created first", "Phone", "555-1"))))
                .get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> kit.statusesOf(first).contains("RETRYING"));

        String second = kit.produceWrites(List.of(Map.entry("W-" + run, Map.of("Industry", "Retail"))))
                .get(0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> kit.statusesOf(second).contains("RETRYING"));
        kit.clearFaults();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(first, second)).size() == 2);
        assertThat(kit.finalStatuses(List.of(first, second)).values())
                .allMatch(s -> s.equals("CREATED") || s.equals("UPDATED"));
        JsonPath account = kit.account("W-" + run);
        assertThat(account.getString("fields.Name")).isEqualTo("created first");
        assertThat(account.getString("fields.Phone")).isEqualTo("555-1");
        assertThat(account.getString("fields.Industry")).isEqualTo("Retail");
        // The later version waited behind the earlier one (RECORD_BEHIND) or went folded into the earlier one's
        // retry, never alone before it: alone it would have created the account without a Name, and been refused.
        assertThat(kit.outcomesOf(List.of(second)))
                .noneSatisfy(o -> assertThat(o.value()).contains("REQUIRED_FIELD_MISSING"));
    }

    @Test
    void anOlderVersionFromARetryTopicStillWritesTheFieldsNoNewerVersionSet() {
        String run = DeliveryTestKit.run();
        DeliveryTestKit.Produced newer =
                kit.produce(Topics.RECORDS, new DeliveryTestKit.Account("R-" + run, "Newer"), Map.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(newer.trackingId())).size() == 1);

        // An older version that set Name (since overwritten) and Phone (which the newer one did not set)
        // comes back from a retry topic, as after a lock error.
        DeliveryTestKit.Produced older = kit.produceWriteTo(
                Topics.RECORDS_RETRY.get(0),
                "R-" + run,
                Map.of("Name", "Older", "Phone", "555-3"),
                DeliveryTestKit.retryHeaders(Long.toString(newer.offset() - 1)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(older.trackingId())).size() == 1);
        assertThat(kit.finalStatuses(List.of(older.trackingId()))).containsEntry(older.trackingId(), "UPDATED");
        JsonPath account = kit.account("R-" + run);
        assertThat(account.getString("fields.Name")).isEqualTo("Newer");
        assertThat(account.getString("fields.Phone")).isEqualTo("555-3");
    }

    @Test
    void oneRecordTheOrgCannotReadIsDeadLetteredAloneAndItsBatchMatesAreWritten() {
        String run = DeliveryTestKit.run();
        List<Map.Entry<String, Map<String, Object>>> writes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            writes.add(Map.entry("B-" + run + "-" + i, Map.of("Name", "valid " + i)));
            if (i == 11) {
                writes.add(Map.entry("B-" + run + "-unknown", Map.of("Name", "unknown field", "Colour__c", "red")));
            }
            if (i == 23) {
                writes.add(Map.entry(
                        "B-" + run + "-wrong-type", Map.of("Name", "wrong type", "AnnualRevenue", "not a number")));
            }
        }
        int callsBefore = kit.stats().getInt("apiCalls");

        List<String> trackingIds = kit.produceWrites(writes);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> kit.finalStatuses(trackingIds).size() == trackingIds.size());
        Map<String, String> statuses = kit.finalStatuses(trackingIds);
        assertThat(statuses.values()).filteredOn("CREATED"::equals).hasSize(30);
        assertThat(statuses.values()).filteredOn("DEAD_LETTERED"::equals).hasSize(2);
        assertThat(kit.deadLetter(trackingIds.get(12)))
                .hasValueSatisfying(r -> assertThat(CloudEventRecords.headers(r))
                        .containsEntry(GovernorHeaders.ERROR_CODE, "INVALID_FIELD"));
        assertThat(kit.deadLetter(trackingIds.get(25)))
                .hasValueSatisfying(r -> assertThat(CloudEventRecords.headers(r))
                        .containsEntry(GovernorHeaders.ERROR_CODE, "JSON_PARSER_ERROR"));
        assertThat(kit.stats().getInt("apiCalls") - callsBefore)
                .as("calls to isolate two culprits among 32")
                .isLessThanOrEqualTo(14);
    }

    @Test
    void aFoldRefusedForOneVersionDeadLettersOnlyThatVersion() {
        String run = DeliveryTestKit.run();
        String created = kit.produceWrites(List.of(Map.entry("F-" + run, Map.of("Name", "exists"))))
                .get(0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(created)).size() == 1);

        List<String> versions = kit.produceWrites(List.of(
                Map.entry("F-" + run, Map.of("Phone", "5".repeat(41))),
                Map.entry("F-" + run, Map.of("Industry", "Retail"))));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(versions).size() == 2);
        assertThat(kit.finalStatuses(versions))
                .containsEntry(versions.get(0), "DEAD_LETTERED")
                .containsEntry(versions.get(1), "UPDATED");
        assertThat(kit.deadLetter(versions.get(0)))
                .hasValueSatisfying(r -> assertThat(CloudEventRecords.headers(r))
                        .containsEntry(GovernorHeaders.ERROR_CODE, "STRING_TOO_LONG"));
        assertThat(kit.account("F-" + run).getString("fields.Industry")).isEqualTo("Retail");
    }

    @Test
    void aLeaseLeftByACrashedWriterIsTakenOverWithinSeconds() {
        String run = DeliveryTestKit.run();
        String key = "governor:delivery:v2:record:" + DeliveryTestKit.key("C-" + run);
        Map<String, String> lease = new LinkedHashMap<>();
        lease.put("lv", "1");
        lease.put("lo", "a-replica-that-crashed");
        lease.put("lu", Long.toString(System.currentTimeMillis() + 2_000));
        redis.hash(String.class).hset(key, lease);

        String trackingId = kit.produceWrites(List.of(Map.entry("C-" + run, Map.of("Name", "after the crash"))))
                .get(0);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> kit.finalStatuses(List.of(trackingId)).size() == 1);
        assertThat(kit.finalStatuses(List.of(trackingId))).containsEntry(trackingId, "CREATED");
        long waits =
                kit.statusesOf(trackingId).stream().filter("RETRYING"::equals).count();
        assertThat(waits).as("times it waited for the dead writer's lease").isBetween(1L, 6L);
    }
}
