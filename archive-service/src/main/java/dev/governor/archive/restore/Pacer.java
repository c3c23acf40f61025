package dev.governor.archive.restore;

/** Holds a restore to its rate: after each record, sleeps while it is ahead of {@code rate} records a second. */
public final class Pacer {

    private final double nanosPerRecord;
    private final long start = System.nanoTime();
    private long records;

    public Pacer(int ratePerSecond) {
        this.nanosPerRecord = 1_000_000_000.0 / ratePerSecond;
    }

    public void next() throws InterruptedException {
        records++;
        long ahead = (long) (records * nanosPerRecord) - (System.nanoTime() - start);
        if (ahead > 1_000_000) {
            Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
    }
}
