package dev.governor.archive.verify;

import dev.governor.archive.archiving.ArchiveConfig;
import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchivedRecord;
import dev.governor.archive.format.ObjectFacts;
import dev.governor.archive.storage.ArchivedObjects;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.kafka.KafkaSettings;
import dev.governor.service.problem.ProblemException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code archive verify}: for every archived topic (or one), each partition's objects in S3 against the
 * topic — ranges from the objects' metadata, gaps between them read in the topic (read committed) to tell a
 * hole from offsets that only transaction markers and aborted records took — and, when asked, every
 * archived record compared with the topic's record at its offset. Blocking; call it from a worker thread.
 */
@ApplicationScoped
public class ArchiveVerifier {

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);
    private static final int MISMATCHES_SHOWN = 20;

    private final ArchiveConfig config;
    private final ArchivedObjects objects;
    private final Map<String, Object> kafka;

    ArchiveVerifier(
            ArchiveConfig config,
            ArchivedObjects objects,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.objects = objects;
        this.kafka = kafka;
    }

    /** Every archived topic, or only {@code topic} when it is given. */
    public VerifyReport verify(Optional<String> topic, boolean content) {
        try (Admin admin = Admin.create(KafkaSettings.connection(kafka));
                KafkaConsumer<byte[], byte[]> reader = reader()) {
            Pattern archived = Pattern.compile(config.topics());
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> archived.matcher(t).matches())
                    .filter(t -> topic.map(t::equals).orElse(true))
                    .sorted()
                    .toList();
            if (topic.isPresent() && topics.isEmpty()) {
                throw ProblemException.of(ProblemType.NOT_FOUND, "No archived topic is named " + topic.get());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get();
            List<VerifyReport.TopicReport> reports = new ArrayList<>();
            for (String name : topics) {
                reports.add(verifyTopic(admin, reader, name, committed, content));
            }
            return new VerifyReport(
                    reports.stream().allMatch(VerifyReport.TopicReport::ok), content, List.copyOf(reports));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw ProblemException.unavailable(
                    "Kafka or S3 did not answer: " + e.getCause().getMessage(), 5);
        }
    }

    private VerifyReport.TopicReport verifyTopic(
            Admin admin,
            KafkaConsumer<byte[], byte[]> reader,
            String topic,
            Map<TopicPartition, OffsetAndMetadata> committed,
            boolean content)
            throws InterruptedException, ExecutionException {
        List<TopicPartition> partitions =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        Map<Integer, List<ArchiveKey>> keysByPartition = new HashMap<>();
        for (ArchiveKey key : objects.list(config.prefix(), topic).get()) {
            keysByPartition
                    .computeIfAbsent(key.partition(), p -> new ArrayList<>())
                    .add(key);
        }
        List<PartitionReport> reports = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            List<ArchiveKey> keys = keysByPartition.getOrDefault(partition.partition(), List.of());
            List<CompletableFuture<Optional<ObjectFacts>>> lookups =
                    keys.stream().map(objects::facts).toList();
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get();
            Map<ArchiveKey, ObjectFacts> facts = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                ObjectFacts found = lookups.get(i).get().orElse(null);
                if (found != null) {
                    facts.put(keys.get(i), found);
                }
            }
            reports.add(verifyPartition(
                    reader,
                    partition,
                    facts,
                    starts.get(partition),
                    ends.get(partition),
                    committed.get(partition),
                    content));
        }
        return new VerifyReport.TopicReport(topic, reports.stream().allMatch(PartitionReport::ok), reports);
    }

    private PartitionReport verifyPartition(
            KafkaConsumer<byte[], byte[]> reader,
            TopicPartition partition,
            Map<ArchiveKey, ObjectFacts> facts,
            long start,
            long end,
            OffsetAndMetadata committedOffset,
            boolean content) {
        long committed = committedOffset == null ? -1 : committedOffset.offset();
        Coverage coverage = Coverage.of(List.copyOf(facts.values()), start, committed);
        List<OffsetRange> holes = new ArrayList<>();
        List<OffsetRange> unverifiable = new ArrayList<>();
        for (OffsetRange gap : coverage.gaps()) {
            if (gap.first() < start) {
                unverifiable.add(new OffsetRange(gap.first(), Math.min(gap.last(), start - 1)));
            }
            long from = Math.max(gap.first(), start);
            if (from <= gap.last()) {
                long found = firstRecordIn(reader, partition, from, gap.last());
                if (found >= 0) {
                    holes.add(new OffsetRange(found, gap.last()));
                }
            }
        }
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        if (content) {
            for (Map.Entry<ArchiveKey, ObjectFacts> object : facts.entrySet()) {
                compared += compare(reader, partition, object.getKey(), object.getValue(), start, mismatches);
            }
        }
        long next = Math.max(start, committed);
        long firstPending = next < end ? firstRecordIn(reader, partition, next, end - 1) : -1;
        long pending = firstPending < 0 ? 0 : end - firstPending;
        return new PartitionReport(
                partition.partition(),
                facts.size(),
                coverage.records(),
                start,
                end,
                committed < 0 ? null : committed,
                pending,
                coverage.archived(),
                holes,
                coverage.overlaps(),
                unverifiable,
                mismatches.size() > MISMATCHES_SHOWN ? mismatches.subList(0, MISMATCHES_SHOWN) : mismatches,
                compared);
    }

    /** The offset of the first committed record in {@code from..last}, or -1 when there is none. */
    private static long firstRecordIn(
            KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long from, long last) {
        reader.assign(List.of(partition));
        reader.seek(partition, from);
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(50))) {
                return record.offset() <= last ? record.offset() : -1;
            }
            if (reader.position(partition) > last) {
                return -1;
            }
        }
        throw new IllegalStateException("could not read " + partition + " from " + from + " in time");
    }

    /**
     * Compares an object's records with the topic's, reading both as streams side by side (an object of any
     * size is never held whole); answers how many were compared.
     */
    private long compare(
            KafkaConsumer<byte[], byte[]> reader,
            TopicPartition partition,
            ArchiveKey key,
            ObjectFacts facts,
            long start,
            List<String> mismatches) {
        boolean inTopic = facts.firstOffset() >= start; // else the topic no longer has these records
        TopicCursor topic =
                inTopic ? new TopicCursor(reader, partition, facts.firstOffset(), facts.lastOffset()) : null;
        long[] seen = {0, -1, -1, 0}; // lines, first offset, last offset, compared
        String[] stopped = {null};
        objects.read(key, copy -> {
            seen[0]++;
            seen[1] = seen[1] < 0 ? copy.offset() : seen[1];
            seen[2] = copy.offset();
            if (topic == null || stopped[0] != null) {
                return;
            }
            ConsumerRecord<byte[], byte[]> record = topic.next();
            if (record == null || record.offset() != copy.offset()) {
                stopped[0] = key + ": the object has offset " + copy.offset() + " where the topic has "
                        + (record == null ? "nothing more" : "offset " + record.offset());
                return;
            }
            String difference = difference(copy, record);
            if (difference != null) {
                mismatches.add(key + ": offset " + record.offset() + " differs in its " + difference);
            }
            seen[3]++;
        });
        if (seen[0] != facts.records() || seen[1] != facts.firstOffset() || seen[2] != facts.lastOffset()) {
            mismatches.add(key + ": holds " + seen[0] + " records from " + seen[1] + " to " + seen[2]
                    + ", its metadata says " + facts);
        }
        if (stopped[0] != null) {
            mismatches.add(stopped[0]);
        } else if (topic != null) {
            ConsumerRecord<byte[], byte[]> extra = topic.next();
            if (extra != null) {
                mismatches.add(
                        key + ": the topic has offset " + extra.offset() + " in the object's range, the object not");
            }
        }
        return seen[3];
    }

    /** The topic's records of one partition from {@code first} to {@code last}, one at a time, fetched in batches. */
    private static final class TopicCursor {

        private final KafkaConsumer<byte[], byte[]> reader;
        private final TopicPartition partition;
        private final long last;
        private long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        private java.util.Iterator<ConsumerRecord<byte[], byte[]>> batch = java.util.Collections.emptyIterator();

        TopicCursor(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long first, long last) {
            this.reader = reader;
            this.partition = partition;
            this.last = last;
            reader.assign(List.of(partition));
            reader.seek(partition, first);
        }

        /** The next record up to {@code last}, or null when there is none (or none came for the read limit). */
        ConsumerRecord<byte[], byte[]> next() {
            while (!batch.hasNext()) {
                if (reader.position(partition) > last || System.nanoTime() > deadline) {
                    return null;
                }
                batch = reader.poll(Duration.ofMillis(200)).records(partition).iterator();
                if (batch.hasNext()) {
                    deadline = System.nanoTime() + READ_LIMIT.toNanos(); // a limit on silence, not on size
                }
            }
            ConsumerRecord<byte[], byte[]> record = batch.next();
            return record.offset() <= last ? record : null;
        }
    }

    private static String difference(ArchivedRecord copy, ConsumerRecord<byte[], byte[]> record) {
        if (!copy.topic().equals(record.topic()) || copy.partition() != record.partition()) {
            return "topic or partition";
        }
        if (copy.timestamp() != record.timestamp()) {
            return "timestamp";
        }
        if (!Arrays.equals(copy.key(), record.key())) {
            return "key";
        }
        if (!Arrays.equals(copy.value(), record.value())) {
            return "value";
        }
        Header[] headers = record.headers().toArray();
        if (headers.length != copy.headers().size()) {
            return "headers";
        }
        for (int i = 0; i < headers.length; i++) {
            ArchivedRecord.Header h = copy.headers().get(i);
            if (!h.key().equals(headers[i].key()) || !Arrays.equals(h.value(), headers[i].value())) {
                return "headers";
            }
        }
        return null;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(p -> wanted.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> settings = KafkaSettings.connection(kafka);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "governor-archive-verify");
        // A gap check reads a few offsets, often at the partition's end: never wait for data that is not coming.
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
