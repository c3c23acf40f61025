package dev.governor.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordOutcome;
import dev.governor.common.topic.Topics;
import dev.governor.delivery.DeliveryTestKit.Account;
import dev.governor.delivery.messaging.DeliveryHeaders;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Records on the real broker end in the simulated org through sObject Collections, each with an outcome:
 * permanent failures dead-lettered with their reason, transient ones through the retry topics until
 * written, older versions never over newer ones, an expired session renewed on the way.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class DeliveryTest extends DeliveryStackTest {

    @Test
    void writesBatchesInFewCallsAndSettlesEveryRecord() {
        String run = DeliveryTestKit.run();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            accounts.add(new Account("D-" + run + "-" + i, "Account " + i));
        }
        accounts.add(new Account("D-" + run + "-invalid", null));
        accounts.add(new Account("D-" + run + "-7", "Account 7, second version"));
        int callsBefore = kit.stats().getInt("apiCalls");

        List<String> trackingIds = kit.produceAll(accounts);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kit.finalStatuses(trackingIds).size() == trackingIds.size());
        Map<String, String> statuses = kit.finalStatuses(trackingIds);
        assertThat(statuses.values()).filteredOn("DEAD_LETTERED"::equals).hasSize(1);
        assertThat(statuses.values())
                .filteredOn(s -> s.equals("CREATED") || s.equals("UPDATED"))
                .hasSize(241);
        assertThat(CloudEventRecords.headers(kit.outcomesOf(trackingIds).get(0)))
                .containsEntry(GovernorHeaders.CE_TYPE, RecordOutcome.TYPE);

        assertThat(kit.account("D-" + run + "-7").getString("fields.Name")).isEqualTo("Account 7, second version");
        String invalid = trackingIds.get(240);
        assertThat(kit.deadLetter(invalid))
                .hasValueSatisfying(r -> assertThat(CloudEventRecords.headers(r))
                        .containsEntry(GovernorHeaders.ERROR_CODE, "REQUIRED_FIELD_MISSING")
                        .containsEntry(GovernorHeaders.ERROR_FIELDS, "Name")
                        .containsKey(GovernorHeaders.DEAD_LETTER_REASON)
                        .containsKey(GovernorHeaders.RECORD_VERSION)
                        .containsEntry(GovernorHeaders.DEAD_LETTER_TOPIC, Topics.RECORDS)
                        .containsKey(GovernorHeaders.DEAD_LETTER_PARTITION)
                        .containsKey(GovernorHeaders.DEAD_LETTER_OFFSET));
        int calls = kit.stats().getInt("apiCalls") - callsBefore;
        assertThat(calls).as("API calls for %d records", trackingIds.size()).isLessThanOrEqualTo(6);
    }

    @Test
    void aStatusThatNamesATopicIsAlreadyBackedByTheRecordInIt() {
        String run = DeliveryTestKit.run();
        List<Account> nameless = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nameless.add(new Account("B-" + run + "-" + i, null));
        }
        List<String> trackingIds = kit.produceAll(nameless);

        // Read each dead letter the moment its outcome is visible, never later.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Map<String, String> statuses = kit.finalStatuses(trackingIds);
                    statuses.forEach((id, status) -> assertThat(kit.deadLetter(id))
                            .as("the dead letter of %s, seen as %s", id, status)
                            .isPresent());
                    return statuses.size() == trackingIds.size();
                });
        assertThat(kit.finalStatuses(trackingIds).values()).containsOnly("DEAD_LETTERED");
    }

    @Test
    void aWriteReadTwiceIsDeadLetteredOnce() {
        // As when a partition moves to another consumer before its offsets were committed: the same write,
        // same tracking id and version, comes twice, and Salesforce refuses it both times.
        String run = DeliveryTestKit.run();
        String trackingId = "twice-" + run;
        String value = "{\"sobject\":\"Account\",\"externalIdField\":\"External_Id__c\",\"externalId\":\"W-" + run
                + "\",\"fields\":{\"Industry\":\"Energy\"}}";
        Map<String, String> headers = DeliveryTestKit.headers(trackingId, DeliveryTestKit.retryHeaders("7"));
        kit.produceRaw(Topics.RECORDS_RETRY.get(0), DeliveryTestKit.key("W-" + run), value, headers);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.statusesOf(trackingId).contains("DEAD_LETTERED"));
        kit.produceRaw(Topics.RECORDS_RETRY.get(0), DeliveryTestKit.key("W-" + run), value, headers);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.statusesOf(trackingId).size() == 2);
        assertThat(kit.statusesOf(trackingId)).containsExactly("DEAD_LETTERED", "DEAD_LETTERED");
        assertThat(kit.topics()
                        .collect(
                                Topics.RECORDS_DEAD_LETTER,
                                r -> trackingId.equals(
                                        CloudEventRecords.headers(r).get(GovernorHeaders.CE_ID))))
                .as("dead letters of the write")
                .hasSize(1);
    }

    @Test
    void transientFailuresWaitInRetryTopicsUntilWritten() {
        kit.faults("{\"lockRowRate\": 1.0}");
        String run = DeliveryTestKit.run();
        String trackingId = kit.produceAll(List.of(new Account("L-" + run, "Locked at first")))
                .get(0);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> kit.statusesOf(trackingId).contains("RETRYING"));
        assertThat(kit.topics()
                        .collect(
                                Topics.RECORDS_RETRY.get(0),
                                r -> trackingId.equals(
                                        CloudEventRecords.headers(r).get(GovernorHeaders.CE_ID))))
                .as("the write is in its retry topic as soon as its status says RETRYING")
                .isNotEmpty();
        kit.clearFaults();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        "CREATED".equals(kit.finalStatuses(List.of(trackingId)).get(trackingId)));
        List<ConsumerRecord<String, String>> waited = kit.topics()
                .collect(
                        Topics.RECORDS_RETRY.get(0),
                        r -> trackingId.equals(CloudEventRecords.headers(r).get(GovernorHeaders.CE_ID)));
        assertThat(waited)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(CloudEventRecords.headers(r))
                        .containsEntry(GovernorHeaders.ATTEMPT, "2")
                        .containsKey(GovernorHeaders.RETRY_NOT_BEFORE)
                        .containsKey(GovernorHeaders.RECORD_VERSION));
        assertThat(kit.account("L-" + run).getInt("creates")).isEqualTo(1);
    }

    @Test
    void anOlderVersionWaitingInARetryTopicNeverOverwritesANewerOne() {
        String run = DeliveryTestKit.run();
        DeliveryTestKit.Produced newer = kit.produce(Topics.RECORDS, new Account("O-" + run, "Newer"), Map.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(newer.trackingId())).containsKey(newer.trackingId()));

        // An older version of the same record comes back from a retry topic, as after a lock error.
        DeliveryTestKit.Produced older = kit.produce(
                Topics.RECORDS_RETRY.get(0),
                new Account("O-" + run, "Older"),
                DeliveryTestKit.retryHeaders(Long.toString(newer.offset() - 1)));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(older.trackingId())).containsKey(older.trackingId()));
        assertThat(kit.finalStatuses(List.of(older.trackingId()))).containsEntry(older.trackingId(), "SUPERSEDED");
        assertThat(kit.account("O-" + run).getString("fields.Name")).isEqualTo("Newer");
        assertThat(kit.account("O-" + run).getInt("updates")).isZero();
    }

    @Test
    void aNewerVersionFromARetryTopicIsWrittenOverAnOlderOne() {
        String run = DeliveryTestKit.run();
        DeliveryTestKit.Produced first = kit.produce(Topics.RECORDS, new Account("N-" + run, "First"), Map.of());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(first.trackingId())).containsKey(first.trackingId()));

        DeliveryTestKit.Produced retried = kit.produce(
                Topics.RECORDS_RETRY.get(1),
                new Account("N-" + run, "Second"),
                Map.of(
                        GovernorHeaders.RECORD_VERSION,
                        Long.toString(first.offset() + 1),
                        GovernorHeaders.ATTEMPT,
                        "3",
                        GovernorHeaders.RETRY_NOT_BEFORE,
                        Long.toString(System.currentTimeMillis())));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(List.of(retried.trackingId())).containsKey(retried.trackingId()));
        assertThat(kit.finalStatuses(List.of(retried.trackingId()))).containsEntry(retried.trackingId(), "UPDATED");
        assertThat(kit.account("N-" + run).getString("fields.Name")).isEqualTo("Second");
    }

    @Test
    void aSessionRevokedMidRunIsRenewedAndNothingIsLost() {
        String run = DeliveryTestKit.run();
        List<String> before = kit.produceAll(List.of(new Account("S-" + run + "-1", "Before")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(before).size() == 1);
        int refusedBefore = kit.refused("INVALID_SESSION_ID");

        given().post(kit.simulator("/simulator/sessions/revoke")).then().statusCode(200);
        List<String> after = kit.produceAll(
                List.of(new Account("S-" + run + "-2", "After"), new Account("S-" + run + "-3", "After")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kit.finalStatuses(after).size() == 2);
        assertThat(kit.finalStatuses(after).values()).containsOnly("CREATED");
        // Each call made with the revoked session is refused once and then renews it; the two writes may
        // be on two partitions and meet the revoked session in two calls, but never loop.
        assertThat(kit.refused("INVALID_SESSION_ID") - refusedBefore)
                .as("refusals of the old session: at least one, at most one per call in flight")
                .isBetween(1, after.size());
    }

    @Test
    void recordsDeliveryCannotReadGoToTheDeadLetterTopicAsTheyCameAndTheRestIsDelivered() {
        String run = DeliveryTestKit.run();
        String malformed = "{\"sobject\": \"Account\", \"externalId\": ";
        kit.produceRaw(
                Topics.RECORDS,
                "Account:U-" + run + "-malformed",
                malformed,
                Map.of(GovernorHeaders.CE_ID, "malformed-" + run, GovernorHeaders.CE_SOURCE, "/elsewhere"));
        kit.produceRaw(
                Topics.RECORDS,
                "Account:U-" + run + "-anonymous",
                "{\"sobject\":\"Account\",\"externalIdField\":\"External_Id__c\",\"externalId\":\"U-" + run
                        + "\",\"fields\":{\"Name\":\"x\"}}",
                Map.of());
        List<String> good = kit.produceAll(List.of(new Account("U-" + run + "-ok", "Readable")));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "CREATED".equals(kit.finalStatuses(good).get(good.get(0))));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unreadableDeadLetters(run).size() == 2);
        Map<String, ConsumerRecord<String, String>> byKey = new HashMap<>();
        unreadableDeadLetters(run).forEach(r -> byKey.put(r.key(), r));
        ConsumerRecord<String, String> broken = byKey.get("Account:U-" + run + "-malformed");
        assertThat(broken.value()).isEqualTo(malformed);
        assertThat(CloudEventRecords.headers(broken))
                .containsEntry(GovernorHeaders.ERROR_CODE, DeliveryHeaders.UNREADABLE_RECORD)
                .containsEntry(GovernorHeaders.CE_SOURCE, "/elsewhere")
                .containsEntry(GovernorHeaders.DEAD_LETTER_TOPIC, Topics.RECORDS)
                .containsKey(GovernorHeaders.DEAD_LETTER_OFFSET)
                .hasEntrySatisfying(
                        GovernorHeaders.DEAD_LETTER_REASON,
                        reason -> assertThat(reason).startsWith("UNREADABLE_RECORD: not a record write"));
        assertThat(CloudEventRecords.headers(byKey.get("Account:U-" + run + "-anonymous")))
                .hasEntrySatisfying(
                        GovernorHeaders.DEAD_LETTER_REASON,
                        reason -> assertThat(reason).contains("no CloudEvent id"));
        assertThat(kit.account("U-" + run + "-ok").getString("fields.Name")).isEqualTo("Readable");
    }

    private List<ConsumerRecord<String, String>> unreadableDeadLetters(String run) {
        return kit.topics()
                .collect(
                        Topics.RECORDS_DEAD_LETTER,
                        r -> r.key() != null
                                && r.key().startsWith("Account:U-" + run + "-")
                                && !r.key().endsWith("-ok"));
    }
}
