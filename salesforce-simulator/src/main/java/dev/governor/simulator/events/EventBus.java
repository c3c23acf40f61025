package dev.governor.simulator.events;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The org's event bus, which Platform Events and change events share: every published event gets a
 * replay id higher than the last, with gaps (Salesforce's are not contiguous, and clients must not assume
 * they are), and is kept for the retention window of the simulator clock. An event can be on several
 * channels at once (a change event is on its object's channel and on {@code /data/ChangeEvents}) with one
 * replay id. Subscribers read by replay id and are told when a channel has something new.
 */
@ApplicationScoped
public class EventBus {

    private final Map<String, EventLog> logs = new HashMap<>();
    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();
    private final SimulatorClock clock;
    private final SimulatorConfig.Events config;
    private long lastReplayId;

    public EventBus(SimulatorClock clock, SimulatorConfig config) {
        this.clock = clock;
        this.config = config.events();
    }

    /** What a publisher hands over; the bus adds the replay id and the time. */
    public record Draft(String eventUuid, String schemaId, byte[] payload, String clientId) {}

    /** Publishes one event on the channels (the first is the one it is reported under). */
    public BusEvent publish(List<String> channels, Draft draft) {
        return publish(channels, List.of(draft)).get(0);
    }

    /** Publishes events in order, all on the same channels, then tells subscribers once. */
    public List<BusEvent> publish(List<String> channels, List<Draft> drafts) {
        List<BusEvent> published = new java.util.ArrayList<>(drafts.size());
        synchronized (this) {
            Instant now = clock.now();
            for (Draft draft : drafts) {
                lastReplayId += 1 + ThreadLocalRandom.current().nextInt(7);
                BusEvent event = new BusEvent(
                        lastReplayId,
                        draft.eventUuid(),
                        channels.get(0),
                        draft.schemaId(),
                        draft.payload(),
                        now,
                        draft.clientId());
                for (String channel : channels) {
                    logs.computeIfAbsent(channel, c -> new EventLog()).append(event);
                }
                published.add(event);
            }
            for (String channel : channels) {
                evict(logs.get(channel));
            }
        }
        for (Consumer<List<String>> listener : listeners) {
            listener.accept(channels);
        }
        return published;
    }

    /** Up to {@code max} retained events of the channel after the replay id (exclusive; -1 for all). */
    public synchronized List<BusEvent> after(String channel, long replayId, int max) {
        EventLog log = logs.get(channel);
        if (log == null) {
            return List.of();
        }
        evict(log);
        return log.after(replayId, max);
    }

    /** The oldest replay id still retained on the channel. */
    public synchronized Optional<Long> earliestRetained(String channel) {
        EventLog log = logs.get(channel);
        if (log == null) {
            return Optional.empty();
        }
        evict(log);
        return log.size() == 0 ? Optional.empty() : Optional.of(log.earliest());
    }

    /**
     * The highest replay id that left the channel by retention; a subscriber resuming from an id below it
     * would miss events, which the Pub/Sub API refuses as a corrupted replay id. -1 when nothing left.
     */
    public synchronized long evictedThrough(String channel) {
        EventLog log = logs.get(channel);
        if (log == null) {
            return -1;
        }
        evict(log);
        return log.evictedThrough();
    }

    /** Retained events of the channel. */
    public synchronized int retained(String channel) {
        EventLog log = logs.get(channel);
        return log == null ? 0 : log.size();
    }

    /** The last replay id given to any event. */
    public synchronized long latestReplayId() {
        return lastReplayId;
    }

    /** Tells the listener, on the publisher's thread, which channels just got events. */
    public void onPublished(Consumer<List<String>> listener) {
        listeners.add(listener);
    }

    public synchronized void reset() {
        logs.clear();
        lastReplayId = 0;
    }

    private void evict(EventLog log) {
        log.evict(clock.now().minus(config.retention()), config.maxRetainedPerChannel());
    }
}
