package dev.governor.archive.verify;

import java.util.List;

/**
 * One partition's archive against its topic. {@code holes}: offsets with committed records the archive does
 * not have although it has passed them; {@code overlaps}: offsets two objects both hold; {@code unverifiable}:
 * gaps between objects whose offsets the topic no longer has, so nobody can say what was there;
 * {@code pending}: offsets from the first committed record after the committed offset to the topic's end, not
 * archived yet (not a fault; transaction markers among them count too); {@code mismatches}:
 * with a content check, records whose archived copy differs from the topic.
 */
public record PartitionReport(
        int partition,
        int objects,
        long records,
        long topicStart,
        long topicEnd,
        Long committed,
        long pending,
        List<OffsetRange> archived,
        List<OffsetRange> holes,
        List<OffsetRange> overlaps,
        List<OffsetRange> unverifiable,
        List<String> mismatches,
        long compared) {

    public boolean ok() {
        return holes.isEmpty() && overlaps.isEmpty() && mismatches.isEmpty();
    }
}
