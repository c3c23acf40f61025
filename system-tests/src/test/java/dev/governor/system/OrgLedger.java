package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.SimulatedOrg;
import dev.governor.testsupport.TopicReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks the guarantee record by record: every record ends in the simulated org as the fold of the
 * writes the ingress accepted for it, created once; no valid write is dead-lettered; and each write only
 * the org could refuse is on the dead-letter topic with its own reason.
 */
final class OrgLedger {

    /** What one check found. */
    record Verdict(
            int checked,
            int lost,
            int duplicated,
            int stale,
            int validDeadLettered,
            int refusedNotDeadLettered,
            List<String> examples) {

        boolean settled() {
            return lost == 0 && stale == 0 && refusedNotDeadLettered == 0;
        }

        @Override
        public String toString() {
            return "checked " + checked + ", lost " + lost + ", duplicated " + duplicated + ", stale " + stale
                    + ", valid writes dead-lettered " + validDeadLettered + ", refused writes not dead-lettered "
                    + refusedNotDeadLettered
                    + (examples.isEmpty() ? "" : " e.g. " + examples);
        }
    }

    private final String simulator;
    private final TopicReader topics;

    OrgLedger(String simulator, TopicReader topics) {
        this.simulator = simulator;
        this.topics = topics;
    }

    /**
     * What every run of mixed traffic must end as: no answer but the expected or a clear, retryable refusal;
     * writes accepted and bad ones refused at the door; nothing lost, doubled or stale; only the writes the
     * org refuses on the dead-letter topic, each of them there.
     */
    static void assertWhole(WriteLoad load, Verdict verdict) {
        assertThat(load.violations())
                .as("answers that were neither expected nor a clear, retryable refusal")
                .isEmpty();
        assertThat(verdict.lost()).as("records lost: " + verdict).isZero();
        assertThat(verdict.duplicated()).as("records created twice: " + verdict).isZero();
        assertThat(verdict.stale())
                .as("records not the fold of their accepted writes: " + verdict)
                .isZero();
        assertThat(verdict.validDeadLettered())
                .as("valid writes dead-lettered: " + verdict)
                .isZero();
        assertThat(verdict.refusedNotDeadLettered())
                .as("writes the org refuses not dead-lettered with their reason: " + verdict)
                .isZero();
        assertThat(load.accepted()).as("writes accepted").isPositive();
        assertThat(load.refusedAtTheDoor()).as("bad writes refused at the door").isPositive();
    }

    Verdict check(WriteLoad load) {
        String prefix = load.prefix().toLowerCase(Locale.ROOT);
        Map<String, Map<String, Object>> stored = new HashMap<>();
        for (Map<String, Object> record : SimulatedOrg.records(simulator, "Account", "External_Id__c", "")) {
            String id = SimulatedOrg.field(record, "External_Id__c").toLowerCase(Locale.ROOT);
            if (id.startsWith(prefix)) {
                stored.put(id, record);
            }
        }
        Map<String, String> deadLetterCodes = new HashMap<>();
        for (ConsumerRecord<String, String> dead : topics.collect(
                Topics.RECORDS_DEAD_LETTER,
                r -> r.key() != null && r.key().startsWith("account:external_id__c:" + prefix))) {
            Map<String, String> headers = CloudEventRecords.headers(dead);
            deadLetterCodes.put(headers.get(GovernorHeaders.CE_ID), headers.get(GovernorHeaders.ERROR_CODE));
        }
        int lost = 0;
        int duplicated = 0;
        int stale = 0;
        int validDeadLettered = 0;
        List<String> examples = new ArrayList<>();
        Map<String, WriteLoad.Expected> expected = load.expected();
        for (Map.Entry<String, WriteLoad.Expected> record : expected.entrySet()) {
            Map<String, Object> found = stored.get(record.getKey().toLowerCase(Locale.ROOT));
            for (String trackingId : record.getValue().trackingIds) {
                if (deadLetterCodes.containsKey(trackingId)) {
                    validDeadLettered++;
                    example(
                            examples,
                            record.getKey() + " write " + trackingId + " dead-lettered: "
                                    + deadLetterCodes.get(trackingId));
                }
            }
            if (found == null) {
                lost++;
                example(examples, record.getKey() + " is not in the org");
                continue;
            }
            Map<?, ?> fields = (Map<?, ?>) found.get("fields");
            for (Map.Entry<String, Object> field : record.getValue().fold.entrySet()) {
                if (!SimulatedOrg.sameValue(field.getValue(), fields.get(field.getKey()))) {
                    stale++;
                    example(
                            examples,
                            record.getKey() + "." + field.getKey() + " is " + fields.get(field.getKey()) + ", not "
                                    + field.getValue());
                    break;
                }
            }
            if (((Number) found.get("creates")).intValue() > 1) {
                duplicated++;
            }
        }
        int refusedNotDeadLettered = 0;
        for (String trackingId : load.refusedBySalesforce()) {
            if (!"REQUIRED_FIELD_MISSING".equals(deadLetterCodes.get(trackingId))) {
                refusedNotDeadLettered++;
                example(
                        examples,
                        "refused write " + trackingId + " dead-lettered with " + deadLetterCodes.get(trackingId));
            }
        }
        return new Verdict(
                expected.size(), lost, duplicated, stale, validDeadLettered, refusedNotDeadLettered, examples);
    }

    private static void example(List<String> examples, String example) {
        if (examples.size() < 5) {
            examples.add(example);
        }
    }
}
