package dev.governor.delivery.ordering;

import dev.governor.common.redis.SlotGroups;
import dev.governor.delivery.config.DeliveryConfig;
import dev.governor.service.redis.RedisMode;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renews this replica's leases on records while their writes are in flight (a call may wait for the
 * governor, or be held while the budget is spent), so that a lease can be short: when a replica dies,
 * whoever takes its partitions may write its records within {@code ordering.lease}, instead of cycling
 * them through a retry topic until a long lease runs out.
 */
@ApplicationScoped
public class LeaseKeeper {

    /** KEYS: record keys. ARGV: lease ms, owner, then the leased version per key. */
    private static final String RENEW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            for i, key in ipairs(KEYS) do
              local s = redis.call('HMGET', key, 'lv', 'lo')
              if s[2] == ARGV[2] and tonumber(s[1]) == tonumber(ARGV[2 + i]) then
                redis.call('HSET', key, 'lu', now + tonumber(ARGV[1]))
              end
            end
            return 1
            """;

    private final String owner = UUID.randomUUID().toString();
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final ReactiveRedisDataSource redis;
    private final DeliveryConfig config;
    private final Vertx vertx;
    private final boolean cluster;
    private long timer = -1;

    public LeaseKeeper(ReactiveRedisDataSource redis, DeliveryConfig config, Vertx vertx, RedisMode redisMode) {
        this.redis = redis;
        this.config = config;
        this.vertx = vertx;
        this.cluster = redisMode.cluster();
    }

    void start(@Observes StartupEvent started) {
        long every = Math.max(200, config.ordering().lease().toMillis() / 3);
        timer = vertx.setPeriodic(every, id -> renew());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** This replica's name in leases. */
    public String owner() {
        return owner;
    }

    void hold(String key, long version) {
        held.put(key, version);
    }

    void release(String key, long version) {
        held.remove(key, version);
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        held.forEach((key, version) -> {
            keys.add(key);
            versions.add(Long.toString(version));
        });
        if (!cluster) {
            redis.execute("EVAL", renewal(keys, versions).toArray(String[]::new))
                    .subscribe()
                    .with(ok -> {}, e -> Log.warnf("Could not renew %d record lease(s): %s", keys.size(), e));
            return;
        }
        // A cluster runs a script only over keys of one slot: one script per slot, all on one connection.
        redis.getRedis()
                .connect()
                .flatMap(connection -> {
                    List<Uni<Response>> renewed = new ArrayList<>();
                    SlotGroups groups = SlotGroups.of(keys);
                    List<List<String>> keysPerSlot = groups.split(keys);
                    List<List<String>> versionsPerSlot = groups.split(versions);
                    for (int g = 0; g < keysPerSlot.size(); g++) {
                        Request request = Request.cmd(Command.EVAL);
                        renewal(keysPerSlot.get(g), versionsPerSlot.get(g)).forEach(request::arg);
                        renewed.add(connection.send(request));
                    }
                    return Uni.join().all(renewed).andCollectFailures().eventually(connection::close);
                })
                .subscribe()
                .with(ok -> {}, e -> Log.warnf("Could not renew %d record lease(s): %s", keys.size(), e));
    }

    private List<String> renewal(List<String> keys, List<String> versions) {
        List<String> args = new ArrayList<>();
        args.add(RENEW);
        args.add(Integer.toString(keys.size()));
        args.addAll(keys);
        args.add(Long.toString(config.ordering().lease().toMillis()));
        args.add(owner);
        args.addAll(versions);
        return args;
    }
}
