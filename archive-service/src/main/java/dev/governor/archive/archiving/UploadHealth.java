package dev.governor.archive.archiving;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether uploads go through: the time of the first failure since the last success, and its reason. The
 * readiness check and the metrics read it; a write refused while HeadBucket still answers shows here.
 */
@ApplicationScoped
public class UploadHealth {

    /** Failing since, with the latest reason; null while uploads succeed. */
    public record Failing(Instant since, String reason) {}

    private final AtomicReference<Failing> failing = new AtomicReference<>();

    void failed(Throwable failure) {
        String reason = String.valueOf(Retrying.unwrap(failure).getMessage());
        failing.updateAndGet(now -> new Failing(now == null ? Instant.now() : now.since(), reason));
    }

    void succeeded() {
        failing.set(null);
    }

    /** The current failure, or null. */
    public Failing failing() {
        return failing.get();
    }
}
