package dev.governor.simulator.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's retained events in replay-id order. Reading after a replay id is a binary search, and
 * events leave from the front when they pass the retention window or the channel's cap, so a long
 * benchmark costs neither time nor unbounded memory. Not thread-safe: the event bus guards it.
 */
final class EventLog {

    private final List<BusEvent> events = new ArrayList<>();
    private int head; // events before it have been evicted
    private long evictedThrough = -1; // the highest replay id evicted, -1 for none

    void append(BusEvent event) {
        events.add(event);
    }

    /** Up to {@code max} events after the replay id (exclusive), oldest first. */
    List<BusEvent> after(long replayId, int max) {
        int from = firstAfter(replayId);
        int to = Math.min(events.size(), from + Math.max(0, max));
        return from >= to ? List.of() : List.copyOf(events.subList(from, to));
    }

    int size() {
        return events.size() - head;
    }

    /** The oldest retained event's replay id, or -1. */
    long earliest() {
        return size() == 0 ? -1 : events.get(head).replayId();
    }

    /** The newest retained event's replay id, or -1. */
    long latest() {
        return size() == 0 ? -1 : events.get(events.size() - 1).replayId();
    }

    /** The highest replay id that has left the log; a replay from before it has missed events. */
    long evictedThrough() {
        return evictedThrough;
    }

    /** Drops events published before the horizon, and the oldest beyond the cap. */
    void evict(Instant horizon, int cap) {
        while (head < events.size()
                && (events.get(head).publishedAt().isBefore(horizon) || events.size() - head > cap)) {
            evictedThrough = events.get(head).replayId();
            events.set(head, null);
            head++;
        }
        if (head > 1024 && head > events.size() / 2) {
            events.subList(0, head).clear();
            head = 0;
        }
    }

    private int firstAfter(long replayId) {
        int low = head;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).replayId() <= replayId) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
