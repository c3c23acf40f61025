package dev.governor.simulator.faults;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Decides, call by call and record by record, which of the planned faults strike. */
@ApplicationScoped
public class Faults {

    private volatile FaultPlan plan = FaultPlan.none();
    private final AtomicLong injectedServerUnavailable = new AtomicLong();
    private final AtomicLong injectedLockRow = new AtomicLong();

    public FaultPlan plan() {
        return plan;
    }

    public void set(FaultPlan plan) {
        this.plan = plan;
    }

    public void reset() {
        plan = FaultPlan.none();
        injectedServerUnavailable.set(0);
        injectedLockRow.set(0);
    }

    public boolean inOutage() {
        Instant until = plan.outageUntil();
        return until != null && Instant.now().isBefore(until);
    }

    /** Milliseconds to delay a call to the endpoint group (0: none). */
    public long latencyMillis(String group) {
        FaultPlan.Latency latency =
                plan.latency().getOrDefault(group, plan.latency().get(FaultPlan.DEFAULT_GROUP));
        if (latency == null) {
            return 0;
        }
        if (latency.maxMs() > latency.minMs()) {
            return ThreadLocalRandom.current().nextLong(latency.minMs(), latency.maxMs() + 1);
        }
        return Math.max(latency.fixedMs(), latency.minMs());
    }

    public boolean failCall(String group) {
        Double rate = plan.serverUnavailableRate()
                .getOrDefault(group, plan.serverUnavailableRate().get(FaultPlan.DEFAULT_GROUP));
        boolean strike = rate != null && ThreadLocalRandom.current().nextDouble() < rate;
        if (strike) {
            injectedServerUnavailable.incrementAndGet();
        }
        return strike;
    }

    public boolean lockRow() {
        boolean strike = plan.lockRowRate() > 0 && ThreadLocalRandom.current().nextDouble() < plan.lockRowRate();
        if (strike) {
            injectedLockRow.incrementAndGet();
        }
        return strike;
    }

    public long injectedServerUnavailable() {
        return injectedServerUnavailable.get();
    }

    public long injectedLockRow() {
        return injectedLockRow.get();
    }
}
