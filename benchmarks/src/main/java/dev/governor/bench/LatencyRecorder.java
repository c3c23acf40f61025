package dev.governor.bench;

import java.util.Arrays;

/** Latencies of one load run, kept exactly (runs are bounded), with percentiles by nearest rank. */
public final class LatencyRecorder {

    private long[] micros = new long[1 << 16];
    private int count;

    public synchronized void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = nanos / 1_000;
    }

    public synchronized int count() {
        return count;
    }

    /** The latency at the percentile (0–100), in milliseconds. */
    public synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1000.0;
    }
}
