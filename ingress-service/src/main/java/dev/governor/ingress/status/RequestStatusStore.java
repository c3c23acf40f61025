package dev.governor.ingress.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.json.Json;
import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.ExpiringWrite;
import dev.governor.ingress.redis.RedisPipeline;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Request status in Redis, one JSON value per tracking id, kept for the status TTL after its last change. */
@ApplicationScoped
public class RequestStatusStore {

    private static final String KEY_PREFIX = "governor:status:v1:";

    private final ReactiveValueCommands<String, String> values;
    private final RedisPipeline pipeline;
    private final ObjectMapper json;
    private final IngressConfig config;

    public RequestStatusStore(
            ReactiveRedisDataSource redis, RedisPipeline pipeline, ObjectMapper json, IngressConfig config) {
        this.values = redis.value(String.class, String.class);
        this.pipeline = pipeline;
        this.json = json;
        this.config = config;
    }

    /** The write that stores a status for the status TTL, to send along with other writes. */
    public ExpiringWrite saving(RequestStatus status) {
        return new ExpiringWrite(
                KEY_PREFIX + status.trackingId(),
                write(status),
                config.records().statusTtl());
    }

    public Uni<Optional<RequestStatus>> find(String trackingId) {
        return values.get(KEY_PREFIX + trackingId)
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .map(stored -> Optional.ofNullable(stored).map(this::read));
    }

    /**
     * Applies outcomes from delivery, in order, in two round trips: one read of every status they touch,
     * one pipeline of writes. An unknown tracking id (status expired) gets a fresh entry.
     */
    public Uni<Void> applyAll(List<RecordOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids =
                outcomes.stream().map(RecordOutcome::trackingId).distinct().toList();
        return pipeline.getAll(ids.stream().map(id -> KEY_PREFIX + id).toList())
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .flatMap(stored -> {
                    Map<String, RequestStatus> current = new LinkedHashMap<>();
                    for (String id : ids) {
                        String value = stored.get(KEY_PREFIX + id);
                        current.put(id, value == null ? RequestStatus.knownOnlyBy(id) : read(value));
                    }
                    Instant now = Instant.now();
                    for (RecordOutcome outcome : outcomes) {
                        current.computeIfPresent(outcome.trackingId(), (id, status) -> status.with(outcome, now));
                    }
                    return pipeline.send(
                            current.values().stream().map(this::saving).toList());
                });
    }

    private String write(RequestStatus status) {
        return Json.write(json, status);
    }

    private RequestStatus read(String stored) {
        return Json.read(json, stored, RequestStatus.class)
                .orElseThrow(() -> new IllegalStateException("Unreadable request status"));
    }
}
