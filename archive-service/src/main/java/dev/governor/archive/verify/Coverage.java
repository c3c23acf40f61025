package dev.governor.archive.verify;

import dev.governor.archive.format.ObjectFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a partition's objects cover its offsets, from their ranges alone: the ranges they cover (merged),
 * where two overlap, and the gaps between them — and before the first and after the last, up to the
 * committed offset — which are holes only if the topic has committed records there (transaction markers
 * and aborted records take offsets too, and the archive rightly skips them). Pure.
 */
public record Coverage(List<OffsetRange> archived, List<OffsetRange> overlaps, List<OffsetRange> gaps, long records) {

    /**
     * @param objects the partition's objects' facts, in any order
     * @param topicStart the partition's oldest offset still in the topic
     * @param committed the archive's committed offset (the next it will read), or -1 when it has none
     */
    public static Coverage of(List<ObjectFacts> objects, long topicStart, long committed) {
        List<ObjectFacts> sorted = new ArrayList<>(objects);
        sorted.sort(Comparator.comparingLong(ObjectFacts::firstOffset).thenComparingLong(ObjectFacts::lastOffset));
        List<OffsetRange> archived = new ArrayList<>();
        List<OffsetRange> overlaps = new ArrayList<>();
        List<OffsetRange> gaps = new ArrayList<>();
        long records = 0;
        long covered = -1; // the highest offset covered so far
        for (ObjectFacts object : sorted) {
            records += object.records();
            if (archived.isEmpty()) {
                if (object.firstOffset() > topicStart) {
                    gaps.add(new OffsetRange(topicStart, object.firstOffset() - 1));
                }
                archived.add(new OffsetRange(object.firstOffset(), object.lastOffset()));
            } else if (object.firstOffset() <= covered) {
                overlaps.add(new OffsetRange(object.firstOffset(), Math.min(covered, object.lastOffset())));
                extend(archived, object.lastOffset());
            } else {
                if (object.firstOffset() > covered + 1) {
                    gaps.add(new OffsetRange(covered + 1, object.firstOffset() - 1));
                    archived.add(new OffsetRange(object.firstOffset(), object.lastOffset()));
                } else {
                    extend(archived, object.lastOffset());
                }
            }
            covered = Math.max(covered, object.lastOffset());
        }
        long from = archived.isEmpty() ? topicStart : covered + 1;
        if (committed > from) {
            gaps.add(new OffsetRange(from, committed - 1));
        }
        return new Coverage(List.copyOf(archived), List.copyOf(overlaps), List.copyOf(gaps), records);
    }

    private static void extend(List<OffsetRange> archived, long last) {
        OffsetRange current = archived.get(archived.size() - 1);
        if (last > current.last()) {
            archived.set(archived.size() - 1, new OffsetRange(current.first(), last));
        }
    }
}
