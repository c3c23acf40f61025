package dev.governor.archive.verify;

/** Offsets {@code first} to {@code last}, both included. */
public record OffsetRange(long first, long last) {

    public long size() {
        return last - first + 1;
    }
}
