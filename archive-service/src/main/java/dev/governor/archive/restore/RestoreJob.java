package dev.governor.archive.restore;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A restore and how far it is, as kept in S3 ({@code restores/<id>.json}) after every object it finished:
 * what a replica taking over a crashed restore resumes from. {@code objects} are the archive keys it reads,
 * in order; {@code objectsDone} of them are fully written to the target. A resumed restore writes again the
 * records of the object it was in, which the target takes safely (record writes are upserts by external id,
 * and delivery refuses an older version over a newer one).
 */
@RegisterForReflection
public record RestoreJob(
        String id,
        RestoreRequest request,
        State state,
        List<String> objects,
        int objectsDone,
        long records,
        long recordsRestored,
        long bytes,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        String owner,
        String error) {

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /** Progress from 0 to 1, by records. */
    @JsonProperty("progress")
    public double progress() {
        if (state == State.DONE) {
            return 1;
        }
        return records == 0 ? 0 : Math.min(1, (double) recordsRestored / records);
    }

    RestoreJob advanced(int done, long restored, Instant now) {
        return new RestoreJob(
                id, request, state, objects, done, records, restored, bytes, createdAt, now, finishedAt, owner, error);
    }

    RestoreJob ownedBy(String newOwner, Instant now) {
        return new RestoreJob(
                id,
                request,
                state,
                objects,
                objectsDone,
                records,
                recordsRestored,
                bytes,
                createdAt,
                now,
                finishedAt,
                newOwner,
                error);
    }

    RestoreJob finished(State end, String reason, Instant now) {
        return new RestoreJob(
                id,
                request,
                end,
                objects,
                objectsDone,
                records,
                recordsRestored,
                bytes,
                createdAt,
                now,
                now,
                owner,
                reason);
    }
}
