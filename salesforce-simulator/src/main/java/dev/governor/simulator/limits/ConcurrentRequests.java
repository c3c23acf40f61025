package dev.governor.simulator.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Salesforce's concurrent long-running request cap: a request that has run at least the threshold is
 * long-running; while {@code cap} of them are in flight, new requests are refused. Short requests are
 * never capped. Also keeps the maxima a test asserts on.
 */
public final class ConcurrentRequests {

    private final ConcurrentHashMap<Long, Long> inFlightStartNanos = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong maxInFlight = new AtomicLong();
    private final AtomicLong maxLongRunning = new AtomicLong();
    private final LongSupplier nanoTime;
    private volatile long thresholdNanos;
    private volatile int cap;

    public ConcurrentRequests(long thresholdNanos, int cap, LongSupplier nanoTime) {
        this.thresholdNanos = thresholdNanos;
        this.cap = cap;
        this.nanoTime = nanoTime;
    }

    /** Admits a request and returns its ticket, or -1 if the long-running cap is reached. */
    public long tryEnter() {
        long now = nanoTime.getAsLong();
        int longRunning = longRunningAt(now);
        maxLongRunning.accumulateAndGet(longRunning, Math::max);
        if (longRunning >= cap) {
            return -1;
        }
        long ticket = ids.incrementAndGet();
        inFlightStartNanos.put(ticket, now);
        maxInFlight.accumulateAndGet(inFlightStartNanos.size(), Math::max);
        return ticket;
    }

    public void exit(long ticket) {
        if (ticket >= 0) {
            Long started = inFlightStartNanos.remove(ticket);
            if (started != null && nanoTime.getAsLong() - started >= thresholdNanos) {
                // It was long-running until now; make sure the maximum saw it even if nobody else asked.
                maxLongRunning.accumulateAndGet(1, Math::max);
            }
        }
    }

    public int inFlight() {
        return inFlightStartNanos.size();
    }

    public int longRunning() {
        return longRunningAt(nanoTime.getAsLong());
    }

    public long maxInFlight() {
        return maxInFlight.get();
    }

    public long maxLongRunning() {
        return Math.max(maxLongRunning.get(), longRunning());
    }

    public int cap() {
        return cap;
    }

    public long thresholdNanos() {
        return thresholdNanos;
    }

    public void configure(long thresholdNanos, int cap) {
        this.thresholdNanos = thresholdNanos;
        this.cap = cap;
    }

    public void resetMaxima() {
        maxInFlight.set(inFlightStartNanos.size());
        maxLongRunning.set(0);
    }

    private int longRunningAt(long now) {
        int count = 0;
        for (long started : inFlightStartNanos.values()) {
            if (now - started >= thresholdNanos) {
                count++;
            }
        }
        return count;
    }
}
