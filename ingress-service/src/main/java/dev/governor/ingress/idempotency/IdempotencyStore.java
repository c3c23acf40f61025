package dev.governor.ingress.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.json.Json;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.ExpiringWrite;
import dev.governor.ingress.redis.RedisPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Idempotency keys in Redis, scoped per caller (the short-lived strategy). A key is claimed with one
 * atomic {@code SET … NX GET} that either takes it or returns what an earlier request left; completing
 * stores the answer for the TTL; releasing (after a failure) deletes the claim only if it is still ours.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final String KEY_PREFIX = "governor:idempotency:v1:";
    private static final String RELEASE_IF_OURS =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final IngressConfig config;
    private final Timer redisTimer;

    public IdempotencyStore(
            ReactiveRedisDataSource redis, ObjectMapper json, IngressConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.json = json;
        this.config = config;
        this.redisTimer = Timer.builder("governor_ingress_redis_seconds")
                .description("Redis round trips of the ingress")
                .tag("operation", "idempotency")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /** Presents the caller's key with this request's fingerprint. */
    public Uni<Claim> claim(String caller, String idempotencyKey, String fingerprint) {
        String key = KEY_PREFIX + Hashing.sha256Hex(caller + "\n" + idempotencyKey);
        String claimed = write(new StoredAnswer(
                StoredAnswer.IN_FLIGHT, fingerprint, UUID.randomUUID().toString(), null, null, null));
        long started = System.nanoTime();
        return values.setGet(
                        key, claimed, new SetArgs().nx().px(config.idempotency().inFlightTtl()))
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .onTermination()
                .invoke(() -> redisTimer.record(Duration.ofNanos(System.nanoTime() - started)))
                .map(previous -> {
                    if (previous == null) {
                        return new Claim(Claim.Outcome.CLAIMED, key, claimed, null);
                    }
                    StoredAnswer earlier = read(previous);
                    if (!earlier.fingerprint().equals(fingerprint)) {
                        return new Claim(Claim.Outcome.MISMATCH, key, null, earlier);
                    }
                    return new Claim(
                            earlier.completed() ? Claim.Outcome.REPLAY : Claim.Outcome.IN_FLIGHT, key, null, earlier);
                });
    }

    /** The write that stores the answer under a claimed key for {@code ttl} (sent with the request's other writes). */
    public ExpiringWrite completion(
            Claim claim, String fingerprint, int status, String location, String body, Duration ttl) {
        String answer = write(new StoredAnswer(StoredAnswer.COMPLETED, fingerprint, null, status, location, body));
        return new ExpiringWrite(claim.key(), answer, ttl);
    }

    /** Frees a claimed key so the caller can retry, unless it is no longer ours. */
    public Uni<Void> release(Claim claim) {
        return redis.execute("EVAL", RELEASE_IF_OURS, "1", claim.key(), claim.claimed())
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .replaceWithVoid();
    }

    private String write(StoredAnswer answer) {
        return Json.write(json, answer);
    }

    private StoredAnswer read(String stored) {
        return Json.read(json, stored, StoredAnswer.class)
                .orElseThrow(() -> new IllegalStateException("Unreadable idempotency record"));
    }
}
