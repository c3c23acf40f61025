package dev.governor.simulator.limits;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every API call the org answered, by endpoint group and by client (connected app), and every call it
 * refused, by reason: what a test asserts when it claims a client stayed inside the limits.
 */
@ApplicationScoped
public class ApiCalls {

    private final Map<String, LongAdder> byGroup = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byClient = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokens = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private long currentSecond;
    private int callsThisSecond;
    private int maxCallsPerSecond;

    public ApiCalls(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** A call admitted and counted against the daily allocation. */
    public void record(String group, String clientId) {
        byGroup.computeIfAbsent(group, k -> new LongAdder()).increment();
        byClient.computeIfAbsent(clientId, k -> new LongAdder()).increment();
        metrics.counter("simulator_api_calls", "group", group, "client", clientId)
                .increment();
        countInSecond(System.currentTimeMillis() / 1000);
    }

    /** Calls per wall-clock second: the most any second saw is what a rate limit is checked against. */
    private synchronized void countInSecond(long second) {
        if (second != currentSecond) {
            currentSecond = second;
            callsThisSecond = 0;
        }
        maxCallsPerSecond = Math.max(maxCallsPerSecond, ++callsThisSecond);
    }

    /** The most calls the org answered within one wall-clock second. */
    public synchronized int maxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    /** A call refused before it ran: INVALID_SESSION_ID, TOTAL_REQUESTS_LIMIT, CONCURRENT_REQUESTS_LIMIT, … */
    public void refuse(String reason) {
        refused.computeIfAbsent(reason, k -> new LongAdder()).increment();
        metrics.counter("simulator_api_refused", "reason", reason).increment();
    }

    public void recordToken(String clientId, boolean granted) {
        String key = (granted ? "granted:" : "refused:") + (clientId == null ? "unknown" : clientId);
        tokens.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public long total() {
        return byGroup.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> byGroup() {
        return snapshot(byGroup);
    }

    public Map<String, Long> byClient() {
        return snapshot(byClient);
    }

    public Map<String, Long> refused() {
        return snapshot(refused);
    }

    public Map<String, Long> tokens() {
        return snapshot(tokens);
    }

    public void reset() {
        byGroup.clear();
        byClient.clear();
        refused.clear();
        tokens.clear();
        synchronized (this) {
            maxCallsPerSecond = 0;
            callsThisSecond = 0;
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
