package dev.governor.ingress.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.config.IngressConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Request status in Redis, one JSON value per tracking id, kept for the status TTL after its last change. */
@ApplicationScoped
public class RequestStatusStore {

    private static final String KEY_PREFIX = "governor:status:v1:";
    private static final Duration REDIS_DEADLINE = Duration.ofSeconds(2);

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final IngressConfig config;

    public RequestStatusStore(ReactiveRedisDataSource redis, ObjectMapper json, IngressConfig config) {
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.config = config;
    }

    public Uni<Void> save(RequestStatus status) {
        return values.set(KEY_PREFIX + status.trackingId(), write(status), new SetArgs().px(config.records().statusTtl()))
                .ifNoItem().after(REDIS_DEADLINE).fail();
    }

    public Uni<Optional<RequestStatus>> find(String trackingId) {
        return values.get(KEY_PREFIX + trackingId)
                .ifNoItem().after(REDIS_DEADLINE).fail()
                .map(stored -> Optional.ofNullable(stored).map(this::read));
    }

    /** Applies an outcome from delivery; an unknown tracking id (status expired) gets a fresh entry. */
    public Uni<Void> apply(RecordOutcome outcome) {
        return find(outcome.trackingId()).flatMap(current -> {
            RequestStatus base = current.orElseGet(() -> new RequestStatus(outcome.trackingId(), RequestStatus.ACCEPTED, null,
                    null, null, null, null, null, null, null, null, null));
            return save(base.with(outcome, Instant.now()));
        });
    }

    private String write(RequestStatus status) {
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RequestStatus read(String stored) {
        try {
            return json.readValue(stored, RequestStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable request status", e);
        }
    }
}
