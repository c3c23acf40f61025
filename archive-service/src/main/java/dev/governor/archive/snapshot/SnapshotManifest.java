package dev.governor.archive.snapshot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot and what it holds, as kept beside its parts ({@code snapshots/<id>/manifest.json}) and saved
 * after every part, so a paused or interrupted snapshot resumes where it was. A full snapshot exports every
 * live record of each object; an incremental one every record changed since its base's high-water mark,
 * deleted ones included ({@code IsDeleted} true).
 */
@RegisterForReflection
public record SnapshotManifest(
        String id,
        Kind kind,
        String base,
        State state,
        String reason,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        Map<String, ObjectExport> objects) {

    public enum Kind {
        FULL,
        INCREMENTAL
    }

    public enum State {
        RUNNING,
        /** Stopped at its share of the org's daily API allocation; resumes by itself. */
        PAUSED,
        DONE,
        FAILED
    }

    /** One object's export: its query, the Bulk job, the parts written and what they hold. */
    @RegisterForReflection
    public record ObjectExport(
            String object,
            List<String> fields,
            String query,
            Instant since,
            String jobId,
            boolean done,
            String nextLocator,
            List<Part> parts,
            long records,
            long deleted,
            Instant highWaterMark,
            long apiCalls) {

        /** Not exported yet: its query and the mark it starts from. */
        static ObjectExport planned(String object, List<String> fields, String query, Instant since, Instant mark) {
            return new ObjectExport(object, fields, query, since, null, false, null, List.of(), 0, 0, mark, 0);
        }

        /** Exported from its start by the query job named, with nothing read yet. */
        ObjectExport startedBy(String job, Instant mark, long calls) {
            return new ObjectExport(object, fields, query, since, job, false, null, List.of(), 0, 0, mark, calls);
        }

        /** With one more results page written as a part. */
        ObjectExport withPage(
                Part part,
                long pageRecords,
                long pageDeleted,
                Instant pageMark,
                boolean last,
                String next,
                long calls) {
            List<Part> written = new ArrayList<>(parts);
            written.add(part);
            Instant mark = pageMark != null && (highWaterMark == null || pageMark.isAfter(highWaterMark))
                    ? pageMark
                    : highWaterMark;
            return new ObjectExport(
                    object,
                    fields,
                    query,
                    since,
                    jobId,
                    last,
                    next,
                    List.copyOf(written),
                    records + pageRecords,
                    deleted + pageDeleted,
                    mark,
                    calls);
        }
    }

    /** One gzip CSV part (a results page), with the SHA-256 of its bytes. */
    @RegisterForReflection
    public record Part(String key, long records, long bytes, String sha256) {}

    public long records() {
        return objects.values().stream().mapToLong(ObjectExport::records).sum();
    }

    public long apiCalls() {
        return objects.values().stream().mapToLong(ObjectExport::apiCalls).sum();
    }

    SnapshotManifest with(ObjectExport export, Instant now) {
        Map<String, ObjectExport> next = new LinkedHashMap<>(objects);
        next.put(export.object(), export);
        return new SnapshotManifest(id, kind, base, state, reason, startedAt, now, finishedAt, next);
    }

    SnapshotManifest in(State next, String why, Instant now) {
        Instant finished = next == State.DONE || next == State.FAILED ? now : null;
        return new SnapshotManifest(id, kind, base, next, why, startedAt, now, finished, objects);
    }
}
