package dev.governor.ingress.messaging;

import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.ledger.RequestStatusStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps request status from the outcomes delivery publishes, a batch at a time (two Redis round trips
 * per batch, so status keeps up with delivery under a burst). While Redis is away it retries with
 * backoff instead of skipping: a batch is acknowledged (its offsets committed) only once stored.
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
    public Uni<Void> onOutcomes(List<RecordOutcome> batch) {
        List<RecordOutcome> readable = new ArrayList<>(batch.size());
        for (RecordOutcome outcome : batch) {
            if (outcome == null || outcome.trackingId() == null || outcome.status() == null) {
                Log.warn("Skipping an outcome that cannot be read or has no tracking id or status");
            } else {
                readable.add(outcome);
            }
        }
        return statuses.applyAll(readable)
                .onFailure()
                .invoke(e ->
                        Log.warnf("Cannot store %d outcome(s) yet (%s); retrying", readable.size(), e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }
}
