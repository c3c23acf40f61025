package dev.governor.ingress.redis;

import dev.governor.common.redis.SlotGroups;
import dev.governor.service.redis.RedisMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends several Redis commands in one round trip (pipelined on one connection) and gives their answers
 * in order. Applying a batch of outcomes reads and writes many requests' hashes; one round trip for all
 * instead of one per request is most of the Redis cost of keeping status.
 */
@ApplicationScoped
public class RedisPipeline {

    /** How long any Redis round trip of a request may take before the ingress treats Redis as unreachable. */
    public static final Duration DEADLINE = Duration.ofSeconds(2);

    private final Redis redis;
    private final Timer timer;
    private final boolean cluster;

    public RedisPipeline(ReactiveRedisDataSource redis, MeterRegistry metrics, RedisMode redisMode) {
        this.redis = redis.getRedis();
        this.cluster = redisMode.cluster();
        this.timer = Timer.builder("governor_ingress_redis_seconds")
                .description("Redis round trips of the ingress")
                .tag("operation", "bookkeeping")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /** The answers to {@code requests}, in their order, within the {@link #DEADLINE}. */
    public Uni<List<Response>> send(List<KeyedRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        long started = System.nanoTime();
        return sent(requests)
                .ifNoItem()
                .after(DEADLINE)
                .fail()
                .onTermination()
                .invoke(() -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /**
     * One batch; on a cluster, one batch per hash slot, since a cluster runs a batch only when all its
     * keys share a slot, all on one connection (which keeps one link per node) rather than a pooled set
     * of links per batch.
     */
    private Uni<List<Response>> sent(List<KeyedRequest> requests) {
        List<Request> commands = requests.stream().map(KeyedRequest::request).toList();
        if (commands.size() == 1) {
            return redis.send(commands.get(0)).map(response -> Arrays.asList(response));
        }
        if (!cluster) {
            return redis.batch(commands);
        }
        SlotGroups groups =
                SlotGroups.of(requests.stream().map(KeyedRequest::key).toList());
        return redis.connect()
                .flatMap(connection -> inGroups(connection, commands, groups).eventually(connection::close));
    }

    private static Uni<List<Response>> inGroups(RedisConnection connection, List<Request> commands, SlotGroups groups) {
        List<Uni<List<Response>>> batches = new ArrayList<>();
        for (List<Request> group : groups.split(commands)) {
            batches.add(connection.batch(group));
        }
        return Uni.join().all(batches).andFailFast().map(groups::inKeyOrder);
    }
}
