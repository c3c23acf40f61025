package dev.governor.salesforce.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The org's hourly Platform Event publishing allocation, shared by every replica through one Redis hash of
 * per-minute counts over the rolling window: a publisher takes events from it before each publish and is
 * told to hold — until the oldest counted minute leaves the window — once only the reserve is left, so
 * Salesforce never has to refuse a publish with {@code LIMIT_EXCEEDED}. One key, so it works unchanged on
 * Redis Cluster; Redis's clock is the only clock.
 */
@ApplicationScoped
public class PublishAllocation {

    /**
     * KEYS: the counts (bucket start → events). ARGV: wanted, allowed, bucket ms, window ms.
     * Returns {granted, ms until the oldest counted bucket leaves the window, used after}.
     */
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local wanted, allowed = tonumber(ARGV[1]), tonumber(ARGV[2])
            local bucket, window = tonumber(ARGV[3]), tonumber(ARGV[4])
            local current = now - (now % bucket)
            local used, oldest = 0, nil
            local counts = redis.call('HGETALL', KEYS[1])
            for i = 1, #counts, 2 do
              local start = tonumber(counts[i])
              if start + window <= now then
                redis.call('HDEL', KEYS[1], counts[i])
              else
                used = used + tonumber(counts[i + 1])
                if not oldest or start < oldest then oldest = start end
              end
            end
            local granted = math.max(0, math.min(wanted, allowed - used))
            if granted > 0 then
              redis.call('HINCRBY', KEYS[1], tostring(current), granted)
              redis.call('PEXPIRE', KEYS[1], window + bucket)
              if not oldest then oldest = current end
            end
            local wait = oldest and (oldest + window - now) or 0
            return {granted, wait, used + granted}
            """;

    /** Events granted now, and how long to wait before asking again when fewer than wanted were. */
    public record Grant(int events, Duration retryAfter) {}

    private final ReactiveRedisDataSource redis;
    private final PublishAllocationConfig config;
    private final String key;
    private final AtomicLong lastUsed = new AtomicLong();

    @Inject
    public PublishAllocation(
            ReactiveRedisDataSource redis,
            PublishAllocationConfig config,
            LimitGuardConfig limits,
            MeterRegistry metrics) {
        this(redis, config, limits.org(), metrics);
    }

    PublishAllocation(
            ReactiveRedisDataSource redis, PublishAllocationConfig config, String org, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.key = OrgKeys.prefix(org) + "published-events";
        Gauge.builder("governor_salesforce_publish_allocation_remaining", lastUsed, used -> allowed() - used.get())
                .description("Platform Events Governor may still publish in the rolling hour (before the reserve)")
                .register(metrics);
    }

    /** Takes up to {@code wanted} events from the allocation; fewer (or none) when it is nearly spent. */
    public Uni<Grant> take(int wanted) {
        return takeScript(wanted).map(answer -> {
            lastUsed.set(answer.get(2).toLong());
            int granted = answer.get(0).toInteger();
            Duration wait = Duration.ofMillis(Math.max(1, answer.get(1).toLong()));
            return new Grant(granted, granted < wanted ? wait : Duration.ZERO);
        });
    }

    /** Events Governor's publishers (every replica) took from the allocation in the rolling window so far. */
    public Uni<Long> publishedInWindow() {
        return takeScript(0).map(answer -> answer.get(2).toLong()); // taking none counts what was taken
    }

    private Uni<io.vertx.mutiny.redis.client.Response> takeScript(int wanted) {
        long window = config.window().toMillis();
        return redis.execute(
                "EVAL",
                TAKE,
                "1",
                key,
                Integer.toString(wanted),
                Long.toString(allowed()),
                Long.toString(Math.max(1, window / 60)),
                Long.toString(window));
    }

    /** The allocation's rolling window. */
    public Duration window() {
        return config.window();
    }

    /** The events Governor may publish in one window: the allocation less the reserve. */
    public long allowed() {
        return (long) Math.floor(config.hourlyAllocation() * (1 - config.reserve()));
    }
}
