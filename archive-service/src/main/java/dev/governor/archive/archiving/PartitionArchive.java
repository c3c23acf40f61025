package dev.governor.archive.archiving;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition's place in the archive: the object it is writing, and the objects it has closed
 * whose uploads are not yet confirmed, oldest first. Offsets are committed in that order, so the committed
 * offset is always the end of an object S3 has.
 */
final class PartitionArchive {

    /** A closed object on its way up: where its records start and where the next object starts. */
    record Closed(
            ObjectUpload upload,
            CompletableFuture<Void> done,
            long firstOffset,
            long nextOffset,
            long records,
            long bytes) {}

    final TopicPartition partition;
    final Deque<Closed> closed = new ArrayDeque<>();
    OpenObject open;
    ObjectUpload upload;
    /** Where the copy of the open object already in S3 ends, or -1 when there is none. */
    long existingLastOffset = -1;
    /** The offset the partition was sought back to while it waits (for S3 to answer), or -1. */
    long heldAt = -1;

    long retryAtNanos;
    /** Released from a hold to try S3 again: it fetches even while uploads fail. */
    boolean probing;

    PartitionArchive(TopicPartition partition) {
        this.partition = partition;
    }

    /** Compressed bytes this partition holds: its open object's and its unconfirmed uploads'. */
    long buffered() {
        long bytes = open == null ? 0 : open.buffered();
        if (upload != null) {
            bytes += upload.heldBytes();
        }
        for (Closed c : closed) {
            bytes += c.upload().heldBytes();
        }
        return bytes;
    }

    /**
     * Whether this partition has an S3 call under way or due that will tell when S3 answers again: an upload
     * not yet confirmed, or a hold whose next try (a HeadObject) is coming.
     */
    boolean awaitsS3() {
        return heldAt >= 0 || probing || !closed.isEmpty() || (upload != null && upload.heldBytes() > 0);
    }

    /** Gives up the open object and every upload not yet confirmed (the next owner, or a redo, writes them). */
    void abandon() {
        if (upload != null) {
            upload.abandon();
        }
        closed.forEach(c -> c.upload().abandon());
        closed.clear();
        open = null;
        upload = null;
        existingLastOffset = -1;
    }
}
