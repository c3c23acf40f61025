package dev.governor.ingress.reads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the read cache fresh from the org's own change events, as the event bridge relays them: each change
 * evicts its records' entries and makes every cached query (and record by External ID) over its object stale;
 * a gap in the events (a {@code GAP_*} event, a lost position) flushes the objects it concerns. One consumer
 * group for every replica: the cache is shared. While Redis is away a batch is retried, not skipped.
 */
@ApplicationScoped
public class ChangeEvictions {

    public static final String CHANGES = "read-changes";
    public static final String GAPS = "read-gaps";

    private final ReadCache cache;
    private final ReadMetrics metrics;
    private final ObjectMapper json;
    private final List<String> served;

    ChangeEvictions(ReadCache cache, ReadMetrics metrics, ObjectMapper json, ReadsConfig config) {
        this.cache = cache;
        this.metrics = metrics;
        this.json = json;
        List<String> objects = new ArrayList<>(config.objects().keySet());
        config.queries().values().forEach(q -> {
            if (objects.stream().noneMatch(o -> o.equalsIgnoreCase(q.object()))) {
                objects.add(q.object());
            }
        });
        this.served = List.copyOf(objects);
    }

    @Incoming(CHANGES)
    public Uni<Void> onChanges(List<String> events) {
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (String event : events) {
            JsonNode header = read(event).path("ChangeEventHeader");
            String object = servedName(header.path("entityName").asText(""));
            if (object == null) {
                continue;
            }
            List<String> ids = changed.computeIfAbsent(object, o -> new ArrayList<>());
            header.path("recordIds").forEach(id -> ids.add(id.asText()));
        }
        return retried(
                Uni.join()
                        .all(changed.entrySet().stream()
                                .map(e -> evict(e.getKey(), e.getValue()))
                                .toList())
                        .andCollectFailures()
                        .replaceWithVoid(),
                changed.size());
    }

    @Incoming(GAPS)
    public Uni<Void> onGaps(List<String> gaps) {
        List<String> flushed = new ArrayList<>();
        for (String gap : gaps) {
            JsonNode value = read(gap);
            String entity = value.path("entityName").asText("");
            String channel = value.path("channel").asText("");
            if (!entity.isEmpty()) {
                String object = servedName(entity);
                if (object != null && !flushed.contains(object)) {
                    flushed.add(object);
                }
            } else if (channel.startsWith("/data/")) { // a change-event channel lost its position: all of it
                served.stream().filter(o -> !flushed.contains(o)).forEach(flushed::add);
            }
        }
        return retried(
                Uni.join()
                        .all(flushed.stream()
                                .map(object -> cache.flush(object).invoke(() -> metrics.evicted("gap", 1)))
                                .toList())
                        .andCollectFailures()
                        .replaceWithVoid(),
                flushed.size());
    }

    private Uni<Void> evict(String object, List<String> ids) {
        return cache.evict(object, ids).invoke(() -> metrics.evicted("change", ids.size()));
    }

    private Uni<Void> retried(Uni<Void> work, int objects) {
        if (objects == 0) {
            return Uni.createFrom().voidItem();
        }
        return work.onFailure()
                .invoke(e -> Log.warnf("Cannot evict changed reads yet (%s); retrying", e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }

    /** The object's name as the read API serves it, or null when no read serves it. */
    private String servedName(String entity) {
        return served.stream()
                .filter(o -> o.equalsIgnoreCase(entity))
                .findFirst()
                .orElse(null);
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.missingNode() : json.readTree(text);
        } catch (IOException e) {
            return json.missingNode(); // not an event this cache can use; the bridge's own readers say why
        }
    }
}
