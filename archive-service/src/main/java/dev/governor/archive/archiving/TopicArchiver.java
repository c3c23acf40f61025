package dev.governor.archive.archiving;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchiveLines;
import dev.governor.archive.format.ObjectFacts;
import dev.governor.archive.storage.ArchivedObjects;
import dev.governor.archive.storage.ObjectStoreConfig;
import dev.governor.service.kafka.KafkaSettings;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Kafka to S3: every record of the archived topics (committed ones only) into per-partition objects, each
 * partition's offsets committed only once S3 has confirmed the objects before them.
 *
 * <p>A plain consumer on a thread of its own, as Kafka Connect's sinks run, rather than a SmallRye channel:
 * records are held until their object is in S3 (minutes, not a message's processing), a partition is sought
 * back when its records must be read again, and a revoked partition's records must not keep arriving from a
 * queue between the poll and the processing — all of which a consumer without a queue does plainly. The
 * thread blocks only on its own consumer and on one HeadObject per new object; uploads are non-blocking.
 *
 * <p>A redo writes the same objects: before an object's first record, the archive asks S3 whether an object
 * starting there exists already and, if so, ends the new one where that one ends.
 */
@ApplicationScoped
public class TopicArchiver {

    private static final Logger LOG = Logger.getLogger(TopicArchiver.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(10);

    private final ArchiveConfig config;
    private final Map<String, Object> kafka;
    private final S3AsyncClient s3;
    private final String bucket;
    private final Duration callTimeout;
    private final ArchivedObjects objects;
    private final UploadHealth health;
    private final ArchiveMetrics metrics;
    private final RollPolicy policy;
    private final Map<TopicPartition, PartitionArchive> partitions = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    TopicArchiver(
            ArchiveConfig config,
            ObjectStoreConfig store,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            S3AsyncClient s3,
            ArchivedObjects objects,
            UploadHealth health,
            ArchiveMetrics metrics) {
        this.config = config;
        this.kafka = kafka;
        this.s3 = s3;
        this.bucket = store.bucket();
        this.callTimeout = store.callTimeout();
        this.objects = objects;
        this.health = health;
        this.metrics = metrics;
        this.policy = RollPolicy.of(config.roll());
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            LOG.info("The topic archive is switched off (governor.archive.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "governor-archive");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        if (thread != null) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            thread.join(15_000);
        }
    }

    /** Whether consumption is paused: S3 refuses uploads, or too much waits to be uploaded. */
    public boolean paused() {
        return paused;
    }

    private void run() {
        consumer = new KafkaConsumer<>(consumerSettings(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaClientMetrics consumerMetrics = metrics.bind(consumer);
        try {
            consumer.subscribe(Pattern.compile(config.topics()), new Rebalance());
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        accept(record);
                    }
                    long now = System.nanoTime();
                    closeOpenTooLong(now);
                    settle();
                    pauseOrResume(relieveMemory(), now);
                } catch (WakeupException e) {
                    // stopping
                } catch (RuntimeException e) {
                    LOG.errorf(e, "The topic archive's loop failed; going on in a second");
                    sleep(1000);
                }
            }
        } finally {
            partitions.values().forEach(PartitionArchive::abandon);
            partitions.clear();
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        PartitionArchive p = partitions.get(new TopicPartition(record.topic(), record.partition()));
        if (p == null || p.heldAt >= 0) {
            return; // not ours any more, or sought back: the record comes again
        }
        if (p.open != null) {
            RollReason reason = policy.before(p.open, record.timestamp());
            if (reason == null && p.existingLastOffset >= 0 && record.offset() > p.existingLastOffset) {
                reason = RollReason.EXISTING;
            }
            if (reason != null) {
                close(p, reason);
            }
        }
        if (p.open == null && !open(p, record)) {
            return;
        }
        p.open.append(record.offset(), ArchiveLines.encode(record));
        byte[] part = p.open.takePart(config.upload().partSize().asLongValue());
        if (part != null) {
            p.upload.part(part);
        }
        if (p.existingLastOffset >= 0 && record.offset() >= p.existingLastOffset) {
            close(p, RollReason.EXISTING);
        } else {
            RollReason reason = policy.after(p.open);
            if (reason != null) {
                close(p, reason);
            }
        }
    }

    /** Starts the object this record is the first of; false (the partition held) when S3 cannot say yet. */
    private boolean open(PartitionArchive p, ConsumerRecord<byte[], byte[]> record) {
        p.probing = false;
        ArchiveKey key =
                ArchiveKey.of(config.prefix(), record.topic(), record.partition(), record.offset(), record.timestamp());
        Optional<ObjectFacts> existing;
        try {
            existing = objects.facts(key).get(callTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            health.failed(e);
            hold(p, record.offset());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hold(p, record.offset());
            return false;
        }
        health.succeeded();
        p.open = new OpenObject(key, System.nanoTime());
        p.upload = new ObjectUpload(s3, bucket, key.key(), config.upload(), health);
        p.existingLastOffset = existing.map(ObjectFacts::lastOffset).orElse(-1L);
        return true;
    }

    private void close(PartitionArchive p, RollReason reason) {
        OpenObject object = p.open;
        byte[] last = object.finish();
        ObjectFacts facts = object.facts();
        p.closed.add(new PartitionArchive.Closed(
                p.upload,
                p.upload.complete(last, facts),
                facts.firstOffset(),
                facts.lastOffset() + 1,
                facts.records(),
                object.takenBytes()));
        metrics.closed(p.partition.topic(), reason);
        p.open = null;
        p.upload = null;
        p.existingLastOffset = -1;
    }

    /** Seeks the partition back to {@code offset} and stops fetching it until S3 answers again. */
    private void hold(PartitionArchive p, long offset) {
        p.heldAt = offset;
        p.retryAtNanos = System.nanoTime() + config.upload().maxBackoff().toNanos() / 4;
        consumer.pause(Set.of(p.partition));
        consumer.seek(p.partition, offset);
    }

    private void closeOpenTooLong(long now) {
        for (PartitionArchive p : partitions.values()) {
            if (p.open != null && p.existingLastOffset < 0 && policy.openTooLong(p.open, now)) {
                close(p, RollReason.OPEN_TIME);
            }
        }
    }

    /** Commits, per partition, the end of the objects S3 has confirmed in order; redoes an object S3 lost. */
    private void settle() {
        for (PartitionArchive p : partitions.values()) {
            while (!p.closed.isEmpty() && p.closed.peek().done().isDone()) {
                PartitionArchive.Closed c = p.closed.poll();
                if (c.done().isCompletedExceptionally()) {
                    LOG.warnf(
                            "S3 lost the upload of %s; reading its records again",
                            c.upload().key());
                    metrics.redone();
                    p.abandon();
                    hold(p, c.firstOffset());
                    break;
                }
                uncommitted.put(p.partition, new OffsetAndMetadata(c.nextOffset()));
                metrics.confirmed(p.partition.topic(), c.records(), c.bytes());
            }
        }
        if (!uncommitted.isEmpty()) {
            try {
                consumer.commitSync(uncommitted, Duration.ofSeconds(10));
                uncommitted.clear();
            } catch (RuntimeException e) {
                LOG.warnf("Could not commit the archived offsets yet (%s); trying again", e.toString());
            }
        }
    }

    /**
     * Closes the largest open object early when more than {@code upload.max-buffered} waits in memory and the
     * uploads in flight alone would not free enough; answers whether memory is over budget.
     */
    private boolean relieveMemory() {
        long max = config.upload().maxBuffered().asLongValue();
        long buffered = buffered();
        if (buffered > max) {
            long inOpenObjects = partitions.values().stream()
                    .filter(p -> p.open != null)
                    .mapToLong(p -> p.open.buffered())
                    .sum();
            if (buffered - inOpenObjects < max / 2) {
                partitions.values().stream()
                        .filter(p -> p.open != null && p.existingLastOffset < 0)
                        .max(Comparator.comparingLong(p -> p.open.buffered()))
                        .ifPresent(p -> close(p, RollReason.MEMORY));
            }
        }
        return buffered > max || (paused && buffered > max * 3 / 4);
    }

    /**
     * Pauses every partition while memory is over budget or S3 refuses uploads, and each partition held for
     * S3 until its next try. While uploads fail, a held partition due for a try still fetches — its HeadObject
     * is the probe that finds S3 back when no upload is in flight to find it. A failure that no call is left
     * to retry (its upload was abandoned when its partition moved) pauses nothing: the next object's HeadObject
     * is the probe, where otherwise a partition assigned later would wait for a success that never comes.
     */
    private void pauseOrResume(boolean overBudget, long now) {
        boolean failing =
                health.failing() != null && partitions.values().stream().anyMatch(PartitionArchive::awaitsS3);
        paused = overBudget || failing;
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (PartitionArchive p : partitions.values()) {
            if (p.heldAt >= 0 && now >= p.retryAtNanos) {
                p.heldAt = -1;
                p.probing = true;
            }
            boolean stop = p.heldAt >= 0 || overBudget || (failing && !p.probing);
            (stop ? pause : resume).add(p.partition);
        }
        consumer.pause(pause);
        consumer.resume(resume);
        metrics.state(buffered(), paused);
    }

    private long buffered() {
        return partitions.values().stream()
                .mapToLong(PartitionArchive::buffered)
                .sum();
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings = KafkaSettings.connection(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "governor-archive");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int)
                config.topicRefresh().toMillis());
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int)
                config.sessionTimeout().toMillis());
        settings.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) config.sessionTimeout().toMillis() / 5);
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return settings;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs inside {@code poll}, on the archive's thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            for (TopicPartition partition : assigned) {
                partitions.put(partition, new PartitionArchive(partition));
                if (paused) {
                    consumer.pause(Set.of(partition));
                }
            }
        }

        /** Lets the uploads under way finish (for a while) and commits them, so the next owner starts after. */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
            for (TopicPartition partition : revoked) {
                PartitionArchive p = partitions.get(partition);
                if (p == null) {
                    continue;
                }
                while (!p.closed.isEmpty() && !p.closed.peek().done().isDone() && System.nanoTime() < deadline) {
                    sleep(20);
                }
            }
            settle();
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost);
        }

        private void forget(Collection<TopicPartition> gone) {
            for (TopicPartition partition : gone) {
                PartitionArchive p = partitions.remove(partition);
                if (p != null) {
                    p.abandon();
                }
                uncommitted.remove(partition);
            }
        }
    }
}
