package dev.governor.ingress.reads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read cache's meters: reads by kind and source ({@code governor_ingress_reads_total{kind,source}}: hit,
 * miss, stale), the API calls it made and those it saved (an answer served without a call: hits and stale
 * ones), and evictions by cause.
 */
@ApplicationScoped
public class ReadMetrics {

    private final MeterRegistry registry;
    private final Counter calls;
    private final Counter saved;
    /** Each read's counter, found once: {@code served} is on every read's path. */
    private final Map<String, Counter> reads = new ConcurrentHashMap<>();

    ReadMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.calls = Counter.builder("governor.ingress.reads.api.calls")
                .description("Salesforce API calls made for reads")
                .register(registry);
        this.saved = Counter.builder("governor.ingress.reads.api.calls.saved")
                .description("Reads answered without a Salesforce API call")
                .register(registry);
    }

    void served(String kind, CachedReads.Source source) {
        reads.computeIfAbsent(
                        kind + "/" + source,
                        k -> registry.counter(
                                "governor.ingress.reads",
                                "kind",
                                kind,
                                "source",
                                source.name().toLowerCase(Locale.ROOT)))
                .increment();
        if (source != CachedReads.Source.MISS) {
            saved.increment();
        }
    }

    void apiCall() {
        calls.increment();
    }

    void evicted(String cause, long entries) {
        registry.counter("governor.ingress.reads.evictions", "cause", cause).increment(entries);
    }
}
