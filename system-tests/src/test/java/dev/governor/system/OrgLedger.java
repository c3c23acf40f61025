package dev.governor.system;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.SimulatedOrg;
import dev.governor.testsupport.TopicReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks the guarantee record by record: every version the ingress accepted ends in the simulated org as
 * the record's latest state, created once — or on the dead-letter topic with a permanent reason.
 */
final class OrgLedger {

    /** Error codes that mean "try again": a dead letter with one of these ran out of attempts, it is not permanent. */
    private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "TRANSIENT_FAILURE",
            "TRANSPORT", "HTTP_503", "HTTP_500", "REQUEST_RUNNING_TOO_LONG");

    /** What one check found. */
    record Verdict(int checked, int lost, int duplicated, int stale, int deadLettered, int deadLetteredTransiently) {

        boolean settled() {
            return lost == 0 && stale == 0;
        }

        @Override
        public String toString() {
            return "checked " + checked + ", lost " + lost + ", duplicated " + duplicated + ", stale " + stale + ", dead-lettered "
                    + deadLettered + " (transient reason: " + deadLetteredTransiently + ")";
        }
    }

    private final String simulator;
    private final TopicReader topics;

    OrgLedger(String simulator, TopicReader topics) {
        this.simulator = simulator;
        this.topics = topics;
    }

    Verdict check(String prefix, Map<String, Integer> lastAccepted) {
        Map<String, Map<String, Object>> stored = SimulatedOrg.recordsByExternalId(simulator, "Account", "External_Id__c", prefix + "-");
        Map<String, String> deadLetterCodes = new HashMap<>();
        for (ConsumerRecord<String, String> dead : topics.collect(Topics.RECORDS_DEAD_LETTER, r -> r.key().startsWith("Account:" + prefix + "-"))) {
            deadLetterCodes.put(dead.key().substring("Account:".length()), CloudEventRecords.headers(dead).get(GovernorHeaders.ERROR_CODE));
        }
        int lost = 0;
        int duplicated = 0;
        int stale = 0;
        int deadLettered = 0;
        for (Map.Entry<String, Integer> expected : lastAccepted.entrySet()) {
            Map<String, Object> record = stored.get(expected.getKey());
            boolean latest = record != null && (prefix + "-v" + expected.getValue()).equals(((Map<?, ?>) record.get("fields")).get("Name"));
            if (!latest && deadLetterCodes.containsKey(expected.getKey())) {
                deadLettered++;
            } else if (record == null) {
                lost++;
            } else if (!latest) {
                stale++;
            }
            if (record != null && ((Number) record.get("creates")).intValue() > 1) {
                duplicated++;
            }
        }
        int transiently = (int) deadLetterCodes.values().stream().filter(TRANSIENT_CODES::contains).count();
        return new Verdict(lastAccepted.size(), lost, duplicated, stale, deadLettered, transiently);
    }
}
