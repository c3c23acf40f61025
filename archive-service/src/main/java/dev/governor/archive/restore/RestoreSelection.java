package dev.governor.archive.restore;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchivedRecord;
import dev.governor.archive.format.ObjectFacts;
import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which archived objects and records a restore request takes, checked once: the request's ranges made
 * concrete, objects chosen by their key (partition, hour) and facts (offsets), records by their own
 * timestamp and offset. Pure.
 */
public final class RestoreSelection {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Duration HOUR = Duration.ofHours(1);

    private final Set<Integer> partitions;
    private final Instant from;
    private final Instant to;
    private final long fromOffset;
    private final long toOffset;

    private RestoreSelection(Set<Integer> partitions, Instant from, Instant to, long fromOffset, long toOffset) {
        this.partitions = partitions;
        this.from = from;
        this.to = to;
        this.fromOffset = fromOffset;
        this.toOffset = toOffset;
    }

    /** The selection a request makes, or a problem (400) saying what is wrong with it. */
    public static RestoreSelection of(RestoreRequest request, int maxRate) {
        if (request == null) {
            throw invalid("A restore needs a body naming at least its topic");
        }
        if (request.topic() == null || !TOPIC.matcher(request.topic()).matches()) {
            throw invalid("topic must be a Kafka topic name");
        }
        if (!TOPIC.matcher(request.targetTopic()).matches()) {
            throw invalid("target must be a Kafka topic name");
        }
        List<Integer> partitions = request.partitions() == null ? List.of() : request.partitions();
        if (partitions.stream().anyMatch(p -> p == null || p < 0)) {
            throw invalid("partitions must be partition numbers (0 or more)");
        }
        Instant from = request.from() == null ? Instant.EPOCH : request.from();
        Instant to = request.to() == null ? Instant.MAX : request.to();
        if (!from.isBefore(to)) {
            throw invalid("from must be before to");
        }
        long fromOffset = request.fromOffset() == null ? 0 : request.fromOffset();
        long toOffset = request.toOffset() == null ? Long.MAX_VALUE : request.toOffset();
        if (fromOffset < 0 || toOffset < fromOffset) {
            throw invalid("fromOffset must be 0 or more and not after toOffset");
        }
        if (request.ratePerSecond() != null && (request.ratePerSecond() < 1 || request.ratePerSecond() > maxRate)) {
            throw invalid("ratePerSecond must be from 1 to " + maxRate);
        }
        return new RestoreSelection(Set.copyOf(partitions), from, to, fromOffset, toOffset);
    }

    /** Whether the object may hold records the restore takes. */
    public boolean takesFrom(ArchiveKey key, ObjectFacts facts) {
        return (partitions.isEmpty() || partitions.contains(key.partition()))
                && key.hour().isBefore(to)
                && key.hour().plus(HOUR).isAfter(from)
                && facts.lastOffset() >= fromOffset
                && facts.firstOffset() <= toOffset;
    }

    /** Whether every record of the object is taken (so counting them needs no read). */
    public boolean takesAll(ArchiveKey key, ObjectFacts facts) {
        return !key.hour().isBefore(from)
                && !key.hour().plus(HOUR).isAfter(to)
                && facts.firstOffset() >= fromOffset
                && facts.lastOffset() <= toOffset;
    }

    public boolean takes(ArchivedRecord record) {
        Instant time = Instant.ofEpochMilli(record.timestamp());
        return (partitions.isEmpty() || partitions.contains(record.partition()))
                && !time.isBefore(from)
                && time.isBefore(to)
                && record.offset() >= fromOffset
                && record.offset() <= toOffset;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.of(ProblemType.INVALID_REQUEST, detail);
    }
}
