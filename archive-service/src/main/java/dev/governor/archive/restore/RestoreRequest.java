package dev.governor.archive.restore;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What an operator asks to restore: a topic's archived records — all partitions or some, within a time range
 * of record timestamps ({@code from} included, {@code to} not) and/or an offset range (both included) — into
 * a target topic (the original when none is named), at most {@code ratePerSecond} records a second. A dry run
 * only counts what would be restored.
 */
@RegisterForReflection
public record RestoreRequest(
        String topic,
        List<Integer> partitions,
        Instant from,
        Instant to,
        Long fromOffset,
        Long toOffset,
        String target,
        Boolean dryRun,
        Integer ratePerSecond) {

    public String targetTopic() {
        return target == null || target.isBlank() ? topic : target;
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
