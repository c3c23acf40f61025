package dev.governor.archive.archiving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which partitions still have an S3 call coming that would find S3 back after a failure. */
class PartitionArchiveTest {

    private final PartitionArchive partition = new PartitionArchive(new TopicPartition("governor.test", 0));

    @Test
    void aNewOrIdlePartitionAwaitsNothingFromS3() {
        assertThat(partition.awaitsS3()).isFalse();
    }

    @Test
    void aHeldOrProbingPartitionAwaitsItsNextTry() {
        partition.heldAt = 42;
        assertThat(partition.awaitsS3()).isTrue();
        partition.heldAt = -1;
        partition.probing = true;
        assertThat(partition.awaitsS3()).isTrue();
    }

    @Test
    void anUnconfirmedUploadIsAwaitedUntilTheArchiveAbandonsIt() {
        partition.closed.add(new PartitionArchive.Closed(
                new ObjectUpload(null, "bucket", "key", null, null), new CompletableFuture<>(), 0, 10, 10, 100));
        assertThat(partition.awaitsS3()).isTrue();
        partition.abandon();
        assertThat(partition.awaitsS3()).isFalse();
    }
}
