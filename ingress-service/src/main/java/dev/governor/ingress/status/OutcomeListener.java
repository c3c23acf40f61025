package dev.governor.ingress.status;

import dev.governor.common.record.RecordOutcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps request status from the outcomes delivery publishes. While Redis is away it retries with
 * backoff instead of skipping: an outcome is acknowledged (and its offset committed) only once stored.
 */
@ApplicationScoped
public class OutcomeListener {

    /** The incoming channel; topic and consumer settings are in application.properties. */
    public static final String CHANNEL = "outcomes";

    private final RequestStatusStore statuses;

    public OutcomeListener(RequestStatusStore statuses) {
        this.statuses = statuses;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onOutcome(RecordOutcome outcome) {
        if (outcome == null || outcome.trackingId() == null || outcome.status() == null) {
            Log.warn("Skipping an outcome that cannot be read or has no tracking id or status");
            return Uni.createFrom().voidItem();
        }
        return statuses.apply(outcome)
                .onFailure().invoke(e -> Log.warnf("Cannot store the outcome of %s yet (%s); retrying", outcome.trackingId(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }
}
