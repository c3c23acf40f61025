package dev.governor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatedOrg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The write semantics as a property: for random sequences of partial writes to a few records — different
 * fields each time, some the org refuses (naming a field it lacks) — while the org
 * fails calls and locks rows at random, every record ends in the org as the fold of its writes that
 * Salesforce takes, in order, created once, and exactly the refused writes are dead-lettered.
 */
class WriteFoldPropertyIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "GOVERNOR_SALESFORCE_LIMITS_ORG", "fold-property",
            "GOVERNOR_SALESFORCE_LIMITS_CALLS_PER_SECOND", "40",
            "GOVERNOR_SALESFORCE_LIMITS_BURST", "10",
            "GOVERNOR_DELIVERY_ORDERING_LEASE", "3S",
            "GOVERNOR_DELIVERY_RETRY_DELAYS", "200MS,400MS,800MS",
            "GOVERNOR_DELIVERY_MAX_ATTEMPTS", "30",
            "GOVERNOR_DELIVERY_PAUSE_PROBE_INTERVAL", "2S",
            "GOVERNOR_SERVICE_HEAP", "192m");
    private static final List<String> FIELDS =
            List.of("Name", "Phone", "Industry", "NumberOfEmployees", "Description", "Colour__c");

    static PrivateStack stack;
    static DeliveryTestKit kit;

    @BeforeContainer
    static void up() {
        stack = new PrivateStack(DeliveryTestKit.DELIVERY_STACK, SETTINGS);
        stack.up();
        kit = new DeliveryTestKit(stack);
    }

    @AfterContainer
    static void down() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * One generated write: which record, the fields it names (by index into {@link #FIELDS}), and a fault to switch on
     * first.
     */
    record Write(int record, List<Integer> fields, String fault) {}

    @Provide
    Arbitrary<List<Write>> sequences() {
        Arbitrary<Write> write = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers()
                                .between(0, FIELDS.size() - 1)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(4)
                                .uniqueElements(),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just("{\"lockRowRate\": 0.5}")),
                                net.jqwik.api.Tuple.of(
                                        1, Arbitraries.just("{\"serverUnavailableRate\": {\"collections\": 0.4}}")),
                                net.jqwik.api.Tuple.of(1, Arbitraries.just("none"))))
                .as(Write::new);
        return write.list().ofMinSize(3).ofMaxSize(30);
    }

    @Property(tries = 10, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void everyRecordEndsAsTheFoldOfTheWritesSalesforceTakes(@ForAll("sequences") List<Write> sequence) {
        String run = "F" + UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Map<String, Object>> model = new HashMap<>();
        List<String> refused = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        List<String> trackingIds = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            Write write = sequence.get(i);
            if (write.fault().equals("none")) {
                kit.clearFaults();
            } else if (!write.fault().isEmpty()) {
                kit.faults(write.fault());
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            boolean exists = model.containsKey(write.record());
            if (!exists) {
                // A record is created with the Name it requires (a create without one is the fault suite's case: a
                // partial write that reaches delivery with its record's create may be carried by it, or refused).
                fields.put("Name", value("Name", i));
            }
            for (int f : write.fields()) {
                fields.put(FIELDS.get(f), value(FIELDS.get(f), i));
            }
            // What Salesforce does with it: a write naming a field the object lacks is refused; the others set their
            // fields.
            boolean refusedByOrg = fields.containsKey("Colour__c");
            String trackingId = kit.produceWrites(List.of(Map.entry(run + "-" + write.record(), fields)))
                    .get(0);
            trackingIds.add(trackingId);
            if (refusedByOrg) {
                refused.add(trackingId);
            } else {
                taken.add(trackingId);
                model.computeIfAbsent(write.record(), r -> new LinkedHashMap<>())
                        .putAll(fields);
            }
        }
        kit.clearFaults();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kit.finalStatuses(trackingIds).size() == trackingIds.size());
        Map<String, String> deadLettered = new HashMap<>();
        for (ConsumerRecord<String, String> dead : kit.topics()
                .collect(
                        Topics.RECORDS_DEAD_LETTER,
                        r -> r.key() != null && r.key().contains(run.toLowerCase(Locale.ROOT)))) {
            deadLettered.put(
                    CloudEventRecords.headers(dead).get(GovernorHeaders.CE_ID),
                    CloudEventRecords.headers(dead).get(GovernorHeaders.ERROR_CODE));
        }
        assertThat(deadLettered.keySet())
                .as(
                        "dead letters are exactly the writes the org refuses (dead letters and their codes: %s;"
                                + " writes in order: %s)",
                        deadLettered, trackingIds)
                .containsExactlyInAnyOrderElementsOf(refused);
        assertThat(deadLettered.values()).allMatch("INVALID_FIELD"::equals);
        Map<String, Map<String, Object>> org =
                SimulatedOrg.recordsByExternalId(kit.simulator(""), "Account", "External_Id__c", run + "-");
        assertThat(org.keySet())
                .as("records in the org")
                .containsExactlyInAnyOrderElementsOf(
                        model.keySet().stream().map(r -> run + "-" + r).toList());
        model.forEach((record, fold) -> {
            Map<String, Object> stored = org.get(run + "-" + record);
            assertThat(((Number) stored.get("creates")).intValue())
                    .as("creates of %s", record)
                    .isEqualTo(1);
            Map<?, ?> fields = (Map<?, ?>) stored.get("fields");
            fold.forEach((field, value) -> assertThat(SimulatedOrg.sameValue(value, fields.get(field)))
                    .as("%s.%s is %s, the fold says %s (writes %s)", record, field, fields.get(field), value, sequence)
                    .isTrue());
        });
        assertThat(taken)
                .allSatisfy(id ->
                        assertThat(kit.finalStatuses(List.of(id)).get(id)).isIn("CREATED", "UPDATED", "SUPERSEDED"));
    }

    private static Object value(String field, int version) {
        return switch (field) {
            case "Industry" -> List.of("Energy", "Retail", "Banking").get(version % 3);
            case "NumberOfEmployees" -> 100 + version;
            default -> field + " " + version;
        };
    }
}
