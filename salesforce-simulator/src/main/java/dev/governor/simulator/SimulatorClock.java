package dev.governor.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's notion of time: real time plus an offset that tests and demos move forward, to free a daily
 * API window, expire sessions or let events fall out of retention without waiting a day.
 */
@ApplicationScoped
public class SimulatorClock {

    private final AtomicLong offsetMillis = new AtomicLong();

    public Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
    }

    public long nowMillis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        offsetMillis.addAndGet(by.toMillis());
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    public void reset() {
        offsetMillis.set(0);
    }
}
