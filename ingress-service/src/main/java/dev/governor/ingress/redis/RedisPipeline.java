package dev.governor.ingress.redis;

import dev.governor.common.redis.HashSlot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    private final boolean cluster;
    private final ReactiveValueCommands<String, String> values;

    public RedisPipeline(
            ReactiveRedisDataSource redis,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis.getRedis();
        this.values = redis.value(String.class);
        this.cluster = "cluster".equalsIgnoreCase(clientType);
        this.timer = Timer.builder("governor_ingress_redis_seconds")
                .description("Redis round trips of the ingress")
                .tag("operation", "bookkeeping")
                .publishPercentileHistogram()
                .register(metrics);
    }

    public Uni<Void> send(List<ExpiringWrite> writes) {
        long started = System.nanoTime();
        return sent(writes)
                .ifNoItem()
                .after(DEADLINE)
                .fail()
                .onTermination()
                .invoke(() -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                .replaceWithVoid();
    }

    /**
     * The values of the keys (absent ones left out), in one round trip. On a cluster, one MGET per slot,
     * all at once: a cluster client's own split of an MGET across slots does not keep the keys' order.
     */
    public Uni<Map<String, String>> getAll(List<String> keys) {
        List<List<String>> groups = cluster
                ? HashSlot.groups(keys).stream()
                        .map(group -> group.stream().map(keys::get).toList())
                        .toList()
                : List.of(keys);
        List<Uni<Map<String, String>>> reads = new ArrayList<>();
        for (List<String> group : groups) {
            reads.add(values.mget(group.toArray(String[]::new)));
        }
        return Uni.join().all(reads).andFailFast().map(found -> {
            Map<String, String> all = new HashMap<>();
            found.forEach(part -> part.forEach((key, value) -> {
                if (value != null) {
                    all.put(key, value);
                }
            }));
            return all;
        });
    }

    /**
     * One batch; on a cluster, one batch per hash slot, all at once, since a cluster runs a batch only
     * when all its keys share a slot (the status of each record and the idempotency answer do not).
     */
    private Uni<?> sent(List<ExpiringWrite> writes) {
        if (writes.size() == 1) {
            return redis.send(writes.get(0).request());
        }
        if (!cluster) {
            return redis.batch(writes.stream().map(ExpiringWrite::request).toList());
        }
        List<Uni<Void>> batches = new ArrayList<>();
        for (List<Integer> group :
                HashSlot.groups(writes.stream().map(ExpiringWrite::key).toList())) {
            List<Request> batch =
                    group.stream().map(i -> writes.get(i).request()).toList();
            batches.add((batch.size() == 1 ? redis.send(batch.get(0)) : redis.batch(batch)).replaceWithVoid());
        }
        return Uni.join().all(batches).andFailFast();
    }
}
