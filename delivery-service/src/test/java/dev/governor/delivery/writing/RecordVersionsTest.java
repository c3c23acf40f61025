package dev.governor.delivery.writing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordWrite;
import dev.governor.salesforce.error.SalesforceError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A record's versions in a batch and their fold, without Kafka or Salesforce. */
class RecordVersionsTest {

    private static PendingWrite write(String id, long version, Map<String, Object> fields) {
        return new PendingWrite(
                "t-" + version,
                new RecordWrite("Account", "External_Id__c", id, fields),
                Map.of(),
                version,
                1,
                new PendingWrite.Origin("governor.records.v1", 0, version));
    }

    @Test
    void versionsOfOneRecordAreGroupedWhateverTheCaseOfTheirIdAndOrderedByVersion() {
        List<RecordVersions> records = RecordVersions.of(List.of(
                write("A-1", 7, Map.of("Name", "newer")),
                write("B-1", 3, Map.of("Name", "other")),
                write("a-1", 5, Map.of("Name", "older", "Phone", "1"))));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).writes()).extracting(PendingWrite::version).containsExactly(5L, 7L);
        assertThat(records.get(0).oldest().version()).isEqualTo(5);
        assertThat(records.get(0).newest().version()).isEqualTo(7);
    }

    @Test
    void theFoldTakesEachFieldFromTheNewestVersionThatNamesIt() {
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("phone", null);
        RecordVersions record = new RecordVersions(
                "k",
                List.of(
                        write("A-1", 9, cleared),
                        write("A-1", 2, Map.of("Name", "first", "Phone", "1")),
                        write("A-1", 4, Map.of("name", "second", "Industry", "Energy"))));

        Map<String, Object> body = record.body(Set.of());
        assertThat(body)
                .containsEntry("name", "second")
                .containsEntry("Industry", "Energy")
                .containsEntry("phone", null)
                .containsEntry("External_Id__c", "A-1")
                .hasSize(4);
        assertThat(record.fieldVersions(Set.of()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("name", 4L, "phone", 9L, "industry", 4L));
    }

    @Test
    void fieldsANewerVersionAlreadyWroteAreLeftOut() {
        RecordVersions record = new RecordVersions("k", List.of(write("A-1", 2, Map.of("Name", "old", "Phone", "1"))));

        assertThat(record.body(Set.of("name"))).containsOnlyKeys("Phone", "External_Id__c");
        assertThat(record.fieldVersions(Set.of("name"))).containsOnlyKeys("phone");
    }

    @Test
    void firstAndRestSplitTheVersionsForWritingThemOneByOne() {
        RecordVersions record = new RecordVersions(
                "k", List.of(write("A-1", 2, Map.of("Name", "a")), write("A-1", 3, Map.of("Phone", "2"))));

        assertThat(record.first().writes()).extracting(PendingWrite::version).containsExactly(2L);
        assertThat(record.rest().writes()).extracting(PendingWrite::version).containsExactly(3L);
        assertThat(record.rest().rest().writes()).isEmpty();
    }

    @Test
    void aRefusalNamesTheFieldThatCausedIt() {
        assertThat(RefusedCalls.namedColumn(new SalesforceError(
                        "INVALID_FIELD", "No such column 'Colour__c' on sobject of type Account", List.of())))
                .contains("Colour__c");
        assertThat(RefusedCalls.namedColumn(new SalesforceError("JSON_PARSER_ERROR", "Cannot deserialize", List.of())))
                .isEmpty();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("colour__C", "red"));
        assertThat(RefusedCalls.sets(body, "Colour__c")).isTrue();
        assertThat(RefusedCalls.sets(Map.of("Name", "x"), "Colour__c")).isFalse();
    }
}
