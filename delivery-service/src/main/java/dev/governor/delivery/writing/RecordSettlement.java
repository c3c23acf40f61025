package dev.governor.delivery.writing;

import dev.governor.common.record.RecordOutcome;
import dev.governor.delivery.ordering.WriteSequencer;
import dev.governor.delivery.retry.RetrySchedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a written record's versions come to, from each one's result: written versions are CREATED or
 * UPDATED and their fields remembered as written; refused ones are dead-lettered; ones that failed for now
 * wait together in the retry tier of the earliest of them — and none of the record's later versions is
 * settled past it — until attempts run out. Pure: no I/O, no clock of its own.
 */
final class RecordSettlement {

    private RecordSettlement() {}

    /**
     * Settles a written record's versions by their results, adding to {@code settled}, and says what the
     * sequencer must remember of the record. {@code skip} holds the fields left out of the write (a newer
     * version wrote them already).
     */
    static WriteSequencer.Done settle(
            RecordVersions record,
            Set<String> skip,
            Map<PendingWrite, CollectionWriter.Result> results,
            int maxAttempts,
            RetrySchedule schedule,
            Instant now,
            List<Settlement> settled) {
        PendingWrite waiting = null;
        for (PendingWrite p : record.writes()) {
            CollectionWriter.Result r = results.get(p);
            if (r.kind() == CollectionWriter.Result.Kind.TRANSIENT && p.attempt() < maxAttempts && waiting == null) {
                waiting = p;
            }
        }
        Settlement.RetryAt retryAt = waiting == null
                ? null
                : new Settlement.RetryAt(
                        schedule.tier(waiting.attempt() + 1), schedule.notBefore(waiting.attempt() + 1, now));
        Map<String, Long> written = new LinkedHashMap<>();
        long settledVersion = WriteSequencer.Done.NONE;
        for (PendingWrite p : record.writes()) {
            CollectionWriter.Result r = results.get(p);
            switch (r.kind()) {
                case WRITTEN -> {
                    settled.add(Settlement.of(
                            p,
                            r.created() ? RecordOutcome.Status.CREATED : RecordOutcome.Status.UPDATED,
                            r.salesforceId(),
                            p.attempt(),
                            null,
                            null));
                    p.write().fields().keySet().forEach(name -> {
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (!skip.contains(lower)) {
                            written.merge(lower, p.version(), Math::max);
                        }
                    });
                    settledVersion = Math.max(settledVersion, p.version());
                }
                case PERMANENT -> {
                    settled.add(
                            Settlement.of(p, RecordOutcome.Status.DEAD_LETTERED, null, p.attempt(), r.error(), null));
                    settledVersion = Math.max(settledVersion, p.version());
                }
                case TRANSIENT -> {
                    if (p.attempt() < maxAttempts) {
                        settled.add(
                                Settlement.of(p, RecordOutcome.Status.RETRYING, null, p.attempt(), r.error(), retryAt));
                    } else {
                        settled.add(Settlement.of(
                                p, RecordOutcome.Status.DEAD_LETTERED, null, p.attempt(), r.error(), null));
                        settledVersion = Math.max(settledVersion, p.version());
                    }
                }
            }
        }
        return new WriteSequencer.Done(
                record.recordKey(),
                record.oldest().version(),
                record.newest().version(),
                written,
                waiting == null ? settledVersion : Math.min(settledVersion, waiting.version() - 1),
                waiting == null ? WriteSequencer.Done.NONE : waiting.version(),
                retryAt == null ? 0 : retryAt.tier(),
                retryAt == null ? 0 : retryAt.notBefore().toEpochMilli());
    }
}
