package dev.governor.archive.archiving;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ObjectFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The object a partition is writing: its records' lines gzip-compressed as they come, the compressed bytes
 * taken out in parts once there is a part's worth, so an object of any size holds at most about one part in
 * memory. Compression depends only on the lines (no flushes, a zero time in the gzip header), so the same
 * records always give the same bytes, however they were cut into parts.
 */
final class OpenObject {

    private final ArchiveKey key;
    private final long openedAt;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);
    private final GZIPOutputStream gzip;
    private long lastOffset = -1;
    private long records;
    private long jsonBytes;
    private long takenBytes;

    OpenObject(ArchiveKey key, long openedAtNanos) {
        this.key = key;
        this.openedAt = openedAtNanos;
        try {
            this.gzip = new GZIPOutputStream(compressed, 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ArchiveKey key() {
        return key;
    }

    long openedAtNanos() {
        return openedAt;
    }

    long records() {
        return records;
    }

    long jsonBytes() {
        return jsonBytes;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** The hour its records are in (that of its first record). */
    java.time.Instant hour() {
        return key.hour();
    }

    /** Compressed bytes held now, not yet taken out as a part. */
    int buffered() {
        return compressed.size();
    }

    /** Compressed bytes taken out as parts so far. */
    long takenBytes() {
        return takenBytes;
    }

    void append(long offset, byte[] line) {
        try {
            gzip.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastOffset = offset;
        records++;
        jsonBytes += line.length;
    }

    /** The compressed bytes held now, as the next part, or null below {@code partSize}. */
    byte[] takePart(long partSize) {
        if (compressed.size() < partSize) {
            return null;
        }
        byte[] part = compressed.toByteArray();
        compressed.reset();
        takenBytes += part.length;
        return part;
    }

    /** Ends the gzip stream: the bytes not yet taken out, the object's last. */
    byte[] finish() {
        try {
            gzip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] rest = compressed.toByteArray();
        compressed.reset();
        takenBytes += rest.length;
        return rest;
    }

    ObjectFacts facts() {
        return new ObjectFacts(key.firstOffset(), lastOffset, records);
    }
}
