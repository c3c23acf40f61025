package dev.governor.delivery.control;

import dev.governor.delivery.config.Channels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pauses and resumes consumption of the records topic and the retry topics, for an operator (through
 * the admin API) or because writes cannot go out (the org's budget is spent, the circuit is open).
 * Paused channels stop fetching, so Kafka keeps the backlog and no offset moves past unsettled writes.
 * Consumption runs only while no reason to pause is left.
 */
@ApplicationScoped
public class DeliveryControl {

    /** Why delivery is paused. */
    public enum Reason {
        /** An operator paused it. */
        OPERATOR,
        /** Salesforce cannot take writes now: budget spent, circuit open, Redis or the org unreachable. */
        WRITES_HELD
    }

    /** The highest mp.messaging.incoming.*.concurrency looked for. */
    private static final int MAX_CONCURRENCY = 16;

    private final ChannelRegistry channels;
    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    private volatile String heldBecause;

    public DeliveryControl(ChannelRegistry channels, MeterRegistry metrics) {
        this.channels = channels;
        for (Reason reason : Reason.values()) {
            Gauge.builder("governor_delivery_paused", this, c -> c.isPausedFor(reason) ? 1 : 0)
                    .tag("reason", reason.name().toLowerCase())
                    .description("1 while delivery is paused for this reason")
                    .register(metrics);
        }
    }

    public synchronized void pause(Reason reason, String because) {
        if (reason == Reason.WRITES_HELD) {
            heldBecause = because;
        }
        if (reasons.add(reason)) {
            Log.warnf("Delivery paused (%s): %s", reason, because);
            apply();
        }
    }

    public synchronized void resume(Reason reason) {
        if (reasons.remove(reason)) {
            Log.infof(
                    "Delivery no longer paused for %s%s",
                    reason, reasons.isEmpty() ? "; consuming again" : "; still paused for " + reasons);
            if (reason == Reason.WRITES_HELD) {
                heldBecause = null;
            }
            apply();
        }
    }

    public synchronized boolean isPausedFor(Reason reason) {
        return reasons.contains(reason);
    }

    public synchronized Set<Reason> reasons() {
        return reasons.isEmpty() ? Set.of() : EnumSet.copyOf(reasons);
    }

    /** Why writes are held, while they are. */
    public String heldBecause() {
        return heldBecause;
    }

    private void apply() {
        for (PausableChannel channel : pausableChannels()) {
            if (reasons.isEmpty() && channel.isPaused()) {
                channel.resume();
            } else if (!reasons.isEmpty() && !channel.isPaused()) {
                channel.pause();
            }
        }
    }

    /** The consumed channels; one consumed with concurrency N is N channels named "name$1" … "name$N". */
    private List<PausableChannel> pausableChannels() {
        List<PausableChannel> found = new ArrayList<>();
        for (String name : Channels.INCOMING) {
            Optional.ofNullable(channels.getPausable(name)).ifPresent(found::add);
            for (int copy = 1; copy <= MAX_CONCURRENCY; copy++) {
                Optional.ofNullable(channels.getPausable(name + "$" + copy)).ifPresent(found::add);
            }
        }
        return found;
    }
}
