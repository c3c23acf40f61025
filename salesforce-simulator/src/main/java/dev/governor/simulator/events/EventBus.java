package dev.governor.simulator.events;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The org's event bus: every published event gets a replay id that is higher than the last, with gaps
 * (Salesforce's are not contiguous, and clients must not assume they are), and is kept for the
 * retention window of the simulator clock. Subscribers (the Pub/Sub API) read from it by replay id.
 */
@ApplicationScoped
public class EventBus {

    private final Map<String, List<BusEvent>> byTopic = new ConcurrentHashMap<>();
    private final SimulatorClock clock;
    private final SimulatorConfig config;
    private long lastReplayId;

    public EventBus(SimulatorClock clock, SimulatorConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public static String topicOf(String eventObject) {
        return "/event/" + eventObject;
    }

    public synchronized BusEvent publish(String topic, Map<String, Object> payload, String clientId) {
        lastReplayId += 1 + ThreadLocalRandom.current().nextInt(7);
        BusEvent event = new BusEvent(
                lastReplayId, UUID.randomUUID().toString(), topic, Map.copyOf(payload), clock.now(), clientId);
        byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(event);
        return event;
    }

    /**
     * The retained events of a topic after the replay id (exclusive; -1 for all), oldest first, at most {@code max}.
     */
    public synchronized List<BusEvent> after(String topic, long replayId, int max) {
        List<BusEvent> result = new ArrayList<>();
        for (BusEvent event : retained(topic)) {
            if (event.replayId() > replayId) {
                result.add(event);
                if (result.size() == max) {
                    break;
                }
            }
        }
        return result;
    }

    /** The oldest replay id still retained on the topic; a replay from before it has lost events. */
    public synchronized Optional<Long> earliestRetained(String topic) {
        List<BusEvent> events = retained(topic);
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).replayId());
    }

    public synchronized long latestReplayId() {
        return lastReplayId;
    }

    public synchronized List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    public synchronized void reset() {
        byTopic.clear();
        lastReplayId = 0;
    }

    private List<BusEvent> retained(String topic) {
        List<BusEvent> events = byTopic.getOrDefault(topic, List.of());
        Instant horizon = clock.now().minus(config.events().retention());
        while (!events.isEmpty() && events.get(0).publishedAt().isBefore(horizon)) {
            events.remove(0);
        }
        return events;
    }
}
