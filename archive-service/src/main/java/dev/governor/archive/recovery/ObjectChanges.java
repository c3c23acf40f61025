package dev.governor.archive.recovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chain's incremental snapshots changed in one object, applied oldest first: per record Id its
 * latest row, or that it was deleted. A full snapshot's row for an Id found here is out of date. Pure.
 */
final class ObjectChanges {

    /** Record Id to its latest row; a null row: deleted. */
    private final Map<String, Map<String, String>> latest = new HashMap<>();

    void apply(Map<String, String> row) {
        String id = row.get("Id");
        if (id == null || id.isEmpty()) {
            return;
        }
        latest.put(id, "true".equalsIgnoreCase(row.get("IsDeleted")) ? null : row);
    }

    /** Whether an incremental holds the record: its row in the full snapshot is then not its state. */
    boolean changed(String id) {
        return latest.containsKey(id);
    }

    /** The rows of records the incrementals changed and did not delete. */
    List<Map<String, String>> survivors() {
        List<Map<String, String>> rows = new ArrayList<>();
        latest.values().forEach(row -> {
            if (row != null) {
                rows.add(row);
            }
        });
        return rows;
    }
}
