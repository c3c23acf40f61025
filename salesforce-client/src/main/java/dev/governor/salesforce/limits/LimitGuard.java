package dev.governor.salesforce.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * No Salesforce call leaves without the limit guard's consent, and the consent is shared by every replica
 * and service through Redis, in one atomic script per call: the daily budget (stop at the reserve line),
 * a concurrency permit with a lease (a crashed holder's permit expires), and a token bucket for the call
 * rate — slowed down as the org's reported usage climbs. Calls are granted in the order they were asked
 * for, across consumers, replicas and services: each asker takes a ticket from one sequence, and only the
 * oldest live ticket may be granted, so no asker wins by polling at the right moment. A ticket whose
 * asker stops asking (crashed, gave up) lapses after {@link #TICKET_LAPSE_MILLIS}. Redis's clock is the
 * only clock, so replicas on skewed hosts agree.
 */
@ApplicationScoped
public class LimitGuard {

    /** How long a ticket stays in the queue without its asker asking again; askers ask at least every third of it. */
    static final long TICKET_LAPSE_MILLIS = 3000;

    /**
     * Queue, budget, permits, rate — atomically. KEYS: usage, bucket, permits, queue (ticket → number),
     * seen (ticket → last ask), sequence. Returns {granted (1/0), wait ms, reason}.
     */
    private static final String ACQUIRE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ticket, lapse = ARGV[5], tonumber(ARGV[8])
            local usage = redis.call('HMGET', KEYS[1], 'used', 'max')
            local used, max = tonumber(usage[1]), tonumber(usage[2])
            if ARGV[7] == '1' and used and max and max > 0 and used >= max * (1 - tonumber(ARGV[6])) then
              redis.call('ZREM', KEYS[4], ticket)
              redis.call('ZREM', KEYS[5], ticket)
              return {0, -1, 'budget'}
            end
            if not redis.call('ZSCORE', KEYS[4], ticket) then
              redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[6]), ticket)
            end
            redis.call('ZADD', KEYS[5], now, ticket)
            for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now - lapse)) do
              redis.call('ZREM', KEYS[4], gone)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - lapse)
            redis.call('PEXPIRE', KEYS[4], lapse * 2)
            redis.call('PEXPIRE', KEYS[5], lapse * 2)
            redis.call('PEXPIRE', KEYS[6], 86400000)
            local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
            local ahead = redis.call('ZRANK', KEYS[4], ticket)
            if ahead > 0 then
              return {0, math.ceil(ahead * 1000 / rate), 'queue'}
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
            if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
              return {0, 25, 'permits'}
            end
            local bucket = redis.call('HMGET', KEYS[2], 'tokens', 'ts')
            local tokens, ts = tonumber(bucket[1]) or burst, tonumber(bucket[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
            redis.call('HSET', KEYS[2], 'tokens', tostring(tokens), 'ts', now)
            redis.call('PEXPIRE', KEYS[2], 3600000)
            if tokens < 1 then
              return {0, math.ceil((1 - tokens) * 1000 / rate), 'rate'}
            end
            redis.call('HSET', KEYS[2], 'tokens', tostring(tokens - 1))
            redis.call('ZREM', KEYS[4], ticket)
            redis.call('ZREM', KEYS[5], ticket)
            redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ticket)
            redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[4]) * 2)
            if used then redis.call('HINCRBY', KEYS[1], 'used', 1) end
            return {1, 0, 'ok'}
            """;

    /** Takes a ticket out of the queue: its asker gave up. */
    private static final String LEAVE = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final LimitGuardConfig config;
    private final String usageKey;
    private final String bucketKey;
    private final String permitsKey;
    private final String queueKey;
    private final String seenKey;
    private final String sequenceKey;
    private final AtomicLong lastUsed = new AtomicLong(-1);
    private final AtomicLong lastMax = new AtomicLong(-1);
    private final AtomicInteger held = new AtomicInteger();
    private final MeterRegistry metrics;

    public LimitGuard(ReactiveRedisDataSource redis, LimitGuardConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
        String prefix = OrgKeys.prefix(config.org());
        this.usageKey = prefix + "usage";
        this.bucketKey = prefix + "rate";
        this.permitsKey = prefix + "permits";
        this.queueKey = prefix + "queue";
        this.seenKey = prefix + "queue-seen";
        this.sequenceKey = prefix + "queue-sequence";
        Gauge.builder("governor_salesforce_permits_held", held, AtomicInteger::get)
                .description("Concurrency permits this instance holds")
                .register(metrics);
        Gauge.builder(
                        "governor_salesforce_budget_remaining",
                        lastUsed,
                        used -> lastMax.get() < 0 ? Double.NaN : lastMax.get() - used.get())
                .description("Daily API calls left in the org, as last reported by Sforce-Limit-Info")
                .register(metrics);
        // With the calls left above, alerts see how much of the day is spent and how near the reserve line is.
        Gauge.builder("governor_salesforce_budget_max", lastMax, max -> max.get() < 0 ? Double.NaN : max.get())
                .description("The org's daily API allocation, as last reported by Sforce-Limit-Info")
                .register(metrics);
        Gauge.builder("governor_salesforce_budget_reserve_ratio", config, LimitGuardConfig::dailyReserve)
                .description("Share of the daily allocation Governor leaves to others: it stops before it")
                .register(metrics);
    }

    /** Waits (without blocking a thread) for the limit guard's consent to make one call. */
    public Uni<Permit> acquire() {
        return acquire(true, config.dailyReserve());
    }

    /**
     * Consent for background work that must leave more of the day to live traffic (an org snapshot): as
     * {@link #acquire()}, but refused with {@link BudgetExhaustedException} once the org has used all but
     * {@code reserve} of its daily allocation (never less than the configured reserve).
     */
    public Uni<Permit> acquireWithin(double reserve) {
        return acquire(true, Math.max(reserve, config.dailyReserve()));
    }

    /**
     * Consent for a call that reads the org's usage ({@code /limits}) even past the reserve line: it is
     * how a stopped limit guard learns that the rolling window has freed calls. Rate and permits still apply.
     */
    public Uni<Permit> acquireUsageProbe() {
        return acquire(false, config.dailyReserve());
    }

    private Uni<Permit> acquire(boolean checkBudget, double reserve) {
        String permitId = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + config.maxWait().toNanos();
        return attempt(permitId, deadline, 0, checkBudget, reserve);
    }

    private Uni<Permit> attempt(String permitId, long deadline, int waits, boolean checkBudget, double reserve) {
        double rate = AdaptiveRate.effective(config, usedFraction());
        return redis.execute(
                        "EVAL",
                        ACQUIRE,
                        "6",
                        usageKey,
                        bucketKey,
                        permitsKey,
                        queueKey,
                        seenKey,
                        sequenceKey,
                        Double.toString(rate),
                        Integer.toString(config.burst()),
                        Integer.toString(config.maxConcurrent()),
                        Long.toString(config.permitLease().toMillis()),
                        permitId,
                        Double.toString(reserve),
                        checkBudget ? "1" : "0",
                        Long.toString(TICKET_LAPSE_MILLIS))
                .flatMap(answer -> {
                    if (answer.get(0).toInteger() == 1) {
                        held.incrementAndGet();
                        metrics.counter("governor_salesforce_permits", "outcome", "granted")
                                .increment();
                        if (waits > 0) {
                            metrics.counter("governor_salesforce_waits").increment(waits);
                        }
                        return Uni.createFrom().item(permit(permitId));
                    }
                    String reason = answer.get(2).toString();
                    if ("budget".equals(reason)) {
                        metrics.counter("governor_salesforce_permits", "outcome", "budget_exhausted")
                                .increment();
                        return Uni.createFrom()
                                .failure(new BudgetExhaustedException(
                                        "The org's daily API allocation is used up to the reserve of " + reserve));
                    }
                    // Ask again when the turn may have come, and often enough that the ticket never lapses.
                    long waitMillis = Math.min(
                            TICKET_LAPSE_MILLIS / 3, Math.max(5, answer.get(1).toLong()));
                    if (System.nanoTime() + Duration.ofMillis(waitMillis).toNanos() > deadline) {
                        metrics.counter("governor_salesforce_permits", "outcome", "timed_out")
                                .increment();
                        return leave(permitId)
                                .chain(() -> Uni.createFrom()
                                        .failure(new LimitGuardBusyException(
                                                "No " + reason + " within " + config.maxWait())));
                    }
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(Duration.ofMillis(waitMillis))
                            .flatMap(ignored -> attempt(permitId, deadline, waits + 1, checkBudget, reserve));
                });
    }

    private Uni<Void> leave(String permitId) {
        return redis.execute("EVAL", LEAVE, "2", queueKey, seenKey, permitId)
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> Log.warnf(
                        "Could not leave the limit guard's queue (the ticket will lapse): %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    private Permit permit(String permitId) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (!released.compareAndSet(false, true)) {
                return Uni.createFrom().voidItem();
            }
            held.decrementAndGet();
            return redis.sortedSet(String.class)
                    .zrem(permitsKey, permitId)
                    .replaceWithVoid()
                    .onFailure()
                    .invoke(e -> Log.warnf(
                            "Could not release a Salesforce permit (its lease will free it): %s", e.getMessage()))
                    .onFailure()
                    .recoverWithNull();
        };
    }

    /** Takes the org's reported usage as the truth: it counts every client of the org, not only Governor. */
    void onUsage(@Observes LimitInfo info) {
        lastUsed.set(info.used());
        lastMax.set(info.max());
        redis.hash(String.class)
                .hset(usageKey, java.util.Map.of("used", Long.toString(info.used()), "max", Long.toString(info.max())))
                .subscribe()
                .with(ignored -> {}, e -> Log.warnf("Could not record Salesforce usage in Redis: %s", e.getMessage()));
    }

    /**
     * The org's daily allocation as last reported to any replica of any service (they share it in Redis);
     * empty before the first report.
     */
    public Uni<java.util.Optional<DailyBudget>> budget() {
        return redis.hash(String.class).hgetall(usageKey).map(usage -> {
            String used = usage.get("used");
            String max = usage.get("max");
            return used == null || max == null
                    ? java.util.Optional.<DailyBudget>empty()
                    : java.util.Optional.of(
                            DailyBudget.of(Long.parseLong(used), Long.parseLong(max), config.dailyReserve()));
        });
    }

    /** The share of the daily allocation last reported as used (0 before any report). */
    public double usedFraction() {
        long max = lastMax.get();
        return max <= 0 ? 0 : Math.min(1.0, (double) lastUsed.get() / max);
    }
}
