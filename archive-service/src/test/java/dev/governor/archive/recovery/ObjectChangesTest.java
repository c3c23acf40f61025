package dev.governor.archive.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectChangesTest {

    private static final List<String> HEADER = List.of("Id", "IsDeleted", "Name");

    @Test
    void theLatestIncrementalWinsAndADeletionRemovesTheRecord() {
        ObjectChanges changes = new ObjectChanges();
        changes.apply(row("001A", "false", "first"));
        changes.apply(row("001B", "false", "created after the full"));
        changes.apply(row("001A", "false", "second"));
        changes.apply(row("001C", "true", "deleted"));
        changes.apply(row("", "false", "no id"));

        assertThat(changes.changed("001A")).isTrue();
        assertThat(changes.changed("001C"))
                .as("a deleted record's full row is out of date too")
                .isTrue();
        assertThat(changes.changed("001D")).isFalse();
        assertThat(changes.survivors())
                .extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder("second", "created after the full");
    }

    @Test
    void aRecordDeletedAndThenUndeletedIsBack() {
        ObjectChanges changes = new ObjectChanges();
        changes.apply(row("001A", "true", "gone"));
        changes.apply(row("001A", "false", "undeleted"));

        assertThat(changes.survivors()).extracting(r -> r.get("Name")).containsExactly("undeleted");
    }

    private static Map<String, String> row(String id, String deleted, String name) {
        return RowWrites.row(HEADER, List.of(id, deleted, name));
    }
}
