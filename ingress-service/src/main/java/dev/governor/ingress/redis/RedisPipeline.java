package dev.governor.ingress.redis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends several Redis writes in one round trip (pipelined on one connection). After a write is
 * accepted the ingress stores its status and its idempotency answer; one round trip instead of one per
 * key is most of the Redis cost of an accepted request.
 */
@ApplicationScoped
public class RedisPipeline {

    /** How long any Redis round trip of a request may take before the ingress treats Redis as unreachable. */
    public static final Duration DEADLINE = Duration.ofSeconds(2);

    private final Redis redis;
    private final Timer timer;

    public RedisPipeline(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis.getRedis();
        this.timer = Timer.builder("governor_ingress_redis_seconds")
                .description("Redis round trips of the ingress")
                .tag("operation", "bookkeeping")
                .publishPercentileHistogram()
                .register(metrics);
    }

    public Uni<Void> send(List<Request> writes) {
        long started = System.nanoTime();
        Uni<?> sent = writes.size() == 1 ? redis.send(writes.get(0)) : redis.batch(writes);
        return sent.ifNoItem()
                .after(DEADLINE)
                .fail()
                .onTermination()
                .invoke(() -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .replaceWithVoid();
    }
}
