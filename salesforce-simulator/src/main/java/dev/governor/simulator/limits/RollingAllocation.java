package dev.governor.simulator.limits;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A count allowed per rolling window: the daily API request allocation (24 h), the hourly Platform
 * Event publishing allocation, the daily delivery allocation. Counted in one-minute buckets of the
 * simulator clock; a request for several units is taken whole or not at all.
 */
public final class RollingAllocation {

    private final long windowMinutes;
    private final Deque<long[]> buckets = new ArrayDeque<>();
    private long used;
    private long max;

    public RollingAllocation(long windowMinutes, long max) {
        this.windowMinutes = windowMinutes;
        this.max = max;
    }

    public synchronized boolean tryConsume(long units, long nowMillis) {
        long minute = nowMillis / 60_000;
        evictBefore(minute);
        if (used + units > max) {
            return false;
        }
        long[] newest = buckets.peekLast();
        if (newest != null && newest[0] == minute) {
            newest[1] += units;
        } else {
            buckets.addLast(new long[] {minute, units});
        }
        used += units;
        return true;
    }

    public synchronized long used(long nowMillis) {
        evictBefore(nowMillis / 60_000);
        return used;
    }

    public synchronized long max() {
        return max;
    }

    public synchronized void setMax(long max) {
        this.max = max;
    }

    public synchronized void reset() {
        buckets.clear();
        used = 0;
    }

    private void evictBefore(long minute) {
        while (!buckets.isEmpty() && buckets.peekFirst()[0] <= minute - windowMinutes) {
            used -= buckets.pollFirst()[1];
        }
    }
}
