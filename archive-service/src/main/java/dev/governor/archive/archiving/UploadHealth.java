package dev.governor.archive.archiving;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether uploads go through: the time of the first failure since the last success, and its reason. The
 * readiness check and the metrics read it; a write refused while HeadBucket still answers shows here.
 */
@ApplicationScoped
public class UploadHealth {

    private static final Logger LOG = Logger.getLogger(UploadHealth.class);

    /** Failing since, with the latest reason; null while uploads succeed. */
    public record Failing(Instant since, String reason) {}

    private final AtomicReference<Failing> failing = new AtomicReference<>();

    void failed(Throwable failure) {
        String reason = String.valueOf(Retrying.unwrap(failure).getMessage());
        Failing before = failing.getAndUpdate(now -> new Failing(now == null ? Instant.now() : now.since(), reason));
        if (before == null) {
            LOG.warnf("S3 refuses the archive's calls (%s): consumption pauses, nothing is committed", reason);
        }
    }

    void succeeded() {
        Failing before = failing.getAndSet(null);
        if (before != null) {
            LOG.infof("S3 answers again after failing since %s; the archive goes on", before.since());
        }
    }

    /** The current failure, or null. */
    public Failing failing() {
        return failing.get();
    }
}
