package dev.governor.eventbridge.outbound;

import dev.governor.eventbridge.outbound.OutboundEvent.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** How outbound events end, per route, and how long they took from the source to Salesforce. */
@ApplicationScoped
public class OutboundMetrics {

    private final MeterRegistry registry;

    public OutboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void settled(OutboundEvent event, Outcome outcome) {
        String name = outcome instanceof Outcome.Published
                ? "published"
                : outcome instanceof Outcome.Duplicate ? "duplicate" : "dead";
        Counter.builder("governor.bridge.outbound.events")
                .description("External events settled: published to Salesforce, skipped as duplicates, dead-lettered")
                .tag("route", event.route())
                .tag("outcome", name)
                .register(registry)
                .increment();
        if (outcome instanceof Outcome.Published) {
            Timer.builder("governor.bridge.outbound.latency")
                    .description("From the source event's timestamp to its replay id from Salesforce")
                    .tag("route", event.route())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(event.sourceTime(), Instant.now()).abs());
        }
    }

    void searched(int events, int found) {
        Counter.builder("governor.bridge.outbound.searched")
                .description("Events whose publish went unanswered or was abandoned, looked for in Salesforce")
                .register(registry)
                .increment(events);
        Counter.builder("governor.bridge.outbound.found")
                .description("Of those, events found already published (so not published again)")
                .register(registry)
                .increment(found);
    }
}
