package dev.governor.ingress.ledger;

import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.redis.RedisPipeline;
import dev.governor.ingress.status.RequestStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idempotency keys in Redis, scoped per caller (the short-lived strategy), kept in the request's hash
 * beside its records' status. A key is claimed by one script that either takes it or returns what an
 * earlier request left; the answer is stored with the records' status once Kafka has them; releasing
 * (after a failure) deletes the claim only if it is still ours.
 */
@ApplicationScoped
public class IdempotencyStore {

    /**
     * Returns the whole hash if the key has a claim or an answer that has not expired (its first
     * place, epoch seconds); otherwise clears what an earlier use of the key left (its records' status
     * outlives its answer), stores this claim for ARGV[1] ms and returns nil.
     */
    private static final String CLAIM = "local held = redis.call('HGET', KEYS[1], '" + RequestHash.ANSWER + "') "
            + "if held and cjson.decode(held)[1] > tonumber(redis.call('TIME')[1]) then "
            + "return redis.call('HGETALL', KEYS[1]) end "
            + "redis.call('DEL', KEYS[1]) redis.call('HSET', KEYS[1], '" + RequestHash.ANSWER + "', ARGV[2]) "
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return false";

    private static final String RELEASE_IF_OURS = "if redis.call('HGET', KEYS[1], '" + RequestHash.ANSWER
            + "') == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Redis redis;
    private final IngressConfig config;
    private final Timer redisTimer;

    public IdempotencyStore(ReactiveRedisDataSource redis, IngressConfig config, MeterRegistry metrics) {
        this.redis = redis.getRedis();
        this.config = config;
        this.redisTimer = Timer.builder("governor_ingress_redis_seconds")
                .description("Redis round trips of the ingress")
                .tag("operation", "idempotency")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /** Presents the caller's key with this request's fingerprint. */
    public Uni<Claim> claim(String caller, String idempotencyKey, String fingerprint) {
        String request = TrackingId.requestOf(caller, idempotencyKey);
        Duration inFlightTtl = config.idempotency().inFlightTtl();
        String claimed = StoredAnswer.inFlight(Instant.now().plus(inFlightTtl), fingerprint, newClaimId())
                .encoded();
        long started = System.nanoTime();
        return redis.send(Request.cmd(Command.EVAL)
                        .arg(CLAIM)
                        .arg(1)
                        .arg(RequestHash.key(request))
                        .arg(inFlightTtl.toMillis())
                        .arg(claimed))
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .onTermination()
                .invoke(() -> redisTimer.record(Duration.ofNanos(System.nanoTime() - started)))
                .map(held -> held == null || held.size() == 0
                        ? new Claim(Claim.Outcome.CLAIMED, request, TrackingId.newSalt(), claimed, null, List.of())
                        : earlier(request, fingerprint, fields(held)));
    }

    /** The value that stores the answer under a claimed key for {@code ttl} (written with the records' status). */
    public String answer(Claim claim, String fingerprint, Duration ttl, int records, boolean batch) {
        return StoredAnswer.answered(Instant.now().plus(ttl), fingerprint, claim.salt(), records, batch)
                .encoded();
    }

    /** Frees a claimed key so the caller can retry, unless it is no longer ours. */
    public Uni<Void> release(Claim claim) {
        return redis.send(Request.cmd(Command.EVAL)
                        .arg(RELEASE_IF_OURS)
                        .arg(1)
                        .arg(RequestHash.key(claim.request()))
                        .arg(claim.claimed()))
                .ifNoItem()
                .after(RedisPipeline.DEADLINE)
                .fail()
                .replaceWithVoid();
    }

    /**
     * 96 random bits in base64url: enough to tell claims apart, and short enough that the claim stays
     * under the listpack limit (a hash that once held a longer value stays unpacked for good).
     */
    private static String newClaimId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Claim earlier(String request, String fingerprint, Map<String, String> held) {
        StoredAnswer previous = StoredAnswer.decoded(held.get(RequestHash.ANSWER));
        if (!previous.fingerprint().equals(fingerprint)) {
            return new Claim(Claim.Outcome.MISMATCH, request, null, null, previous, List.of());
        }
        if (!previous.completed()) {
            return new Claim(Claim.Outcome.IN_FLIGHT, request, null, null, previous, List.of());
        }
        RequestFields.Shared shared = RequestFields.shared(held.get(RequestHash.SHARED));
        List<RequestStatus> answered = new ArrayList<>(previous.records());
        for (int i = 0; i < previous.records(); i++) {
            String record = held.get(RequestHash.recordField(i));
            if (record == null) {
                throw new IllegalStateException("Unreadable idempotency record: record " + i + " is missing");
            }
            String trackingId = new TrackingId(request, previous.salt(), i).toString();
            answered.add(RequestFields.record(trackingId, record, shared));
        }
        return new Claim(Claim.Outcome.REPLAY, request, previous.salt(), null, previous, answered);
    }

    private static Map<String, String> fields(Response hash) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < hash.size(); i += 2) {
            fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
        }
        return fields;
    }
}
