package dev.governor.archive.recovery;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An org restore and its report, kept beside its Id map in the snapshot bucket
 * ({@code org-restores/<id>/report.json} and {@code id-map.csv}), saved after every object.
 *
 * @param snapshots the chain it restores, the full snapshot first
 * @param objects   per object, in the order restored, what was written and what came of it
 * @param idMap     the key of the Id map (object, Id in the snapshot, Id now, External ID), once written
 */
@RegisterForReflection
public record OrgRestore(
        String id,
        OrgRestoreRequest request,
        List<String> snapshots,
        State state,
        String reason,
        List<ObjectRestore> objects,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        String idMap) {

    public enum State {
        /** Counted only: nothing written. */
        DRY_RUN,
        RUNNING,
        /** Every write published and settled (or given up on after the settle timeout: see unsettled). */
        DONE,
        FAILED
    }

    /**
     * One object: rows it holds at the snapshot's point, rows that cannot be restored (no External ID value),
     * writes published, and how they settled: created (a new Id), updated (the record was still there),
     * superseded (a newer write of the record came first), failed (dead-lettered, first ones in failures),
     * unsettled (no outcome within the settle timeout).
     */
    @RegisterForReflection
    public record ObjectRestore(
            String object,
            String externalIdField,
            long records,
            long skipped,
            long published,
            long created,
            long updated,
            long superseded,
            long failed,
            long unsettled,
            List<Failure> failures) {

        static ObjectRestore of(String object, String externalIdField) {
            return new ObjectRestore(object, externalIdField, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
        }

        ObjectRestore counted(long rows, long skippedRows) {
            return new ObjectRestore(
                    object,
                    externalIdField,
                    rows,
                    skippedRows,
                    published,
                    created,
                    updated,
                    superseded,
                    failed,
                    unsettled,
                    failures);
        }

        ObjectRestore published(long writes) {
            return new ObjectRestore(
                    object,
                    externalIdField,
                    records,
                    skipped,
                    writes,
                    created,
                    updated,
                    superseded,
                    failed,
                    unsettled,
                    failures);
        }

        ObjectRestore settled(
                long createdWrites,
                long updatedWrites,
                long supersededWrites,
                List<Failure> failedWrites,
                long failedCount,
                long unsettledWrites) {
            return new ObjectRestore(
                    object,
                    externalIdField,
                    records,
                    skipped,
                    published,
                    createdWrites,
                    updatedWrites,
                    supersededWrites,
                    failedCount,
                    unsettledWrites,
                    List.copyOf(failedWrites));
        }
    }

    /** A row the restore could not put back, with the reason (Salesforce's error, or why it was not sent). */
    @RegisterForReflection
    public record Failure(String id, String externalId, String code, String message) {}

    OrgRestore with(ObjectRestore object, Instant now) {
        List<ObjectRestore> next = new ArrayList<>(objects);
        next.removeIf(o -> o.object().equals(object.object()));
        next.add(object);
        return new OrgRestore(
                id, request, snapshots, state, reason, List.copyOf(next), createdAt, now, finishedAt, idMap);
    }

    OrgRestore finished(State next, String why, String idMapKey, Instant now) {
        return new OrgRestore(id, request, snapshots, next, why, objects, createdAt, now, now, idMapKey);
    }

    public long records() {
        return objects.stream().mapToLong(ObjectRestore::records).sum();
    }
}
