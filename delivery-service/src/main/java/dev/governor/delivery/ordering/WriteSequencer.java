package dev.governor.delivery.ordering;

import dev.governor.common.redis.SlotGroups;
import dev.governor.delivery.config.DeliveryConfig;
import dev.governor.service.redis.RedisMode;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps the org equal to the fold of each record's writes in version order, whatever batching, retry
 * topics, replays, restarts and replicas do. Per record, Redis holds the version that last wrote each
 * field, the highest version settled, the oldest version waiting in a retry topic, and a lease on the
 * record while a write is in flight (renewed by its holder, so a crashed replica's lease runs out within
 * seconds). Before a call one script asks every record's turn: write (leaving out fields a newer version
 * already wrote), superseded, busy, or behind an earlier version that is waiting; after the call one more
 * records what was written and what now waits. One round trip each way per collection.
 */
@ApplicationScoped
public class WriteSequencer {

    private static final String KEY_PREFIX = "governor:delivery:v2:record:";

    /**
     * KEYS: record keys. ARGV: lease ms, memory ms, owner, block expiry ms, how long a busy version waits (ms),
     * then per key: oldest version, newest version, field count, and that many (field, version) pairs.
     * Answers per key {kind, …}. A version sent away because another is in flight blocks the later ones
     * like a version waiting in a retry topic does (it waits in the first tier), so none overtakes it; a
     * version superseded on its return frees the later ones it blocked.
     */
    private static final String BEGIN = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lease, memory, owner, expiry = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
            local busy = tonumber(ARGV[5])
            local at = 6
            local turns = {}
            for i, key in ipairs(KEYS) do
              local oldest, newest, n = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
              at = at + 3
              local s = redis.call('HMGET', key, 'w', 'lv', 'lo', 'lu', 'bv', 'bt', 'bd')
              local settled, lv, lo, lu = tonumber(s[1]), tonumber(s[2]), s[3], tonumber(s[4])
              local bv, bt, bd = tonumber(s[5]), s[6], tonumber(s[7])
              if lu and lu > now and not (lo == owner and lv == newest) then
                turns[i] = {'BUSY'}
                if not bv or bv > oldest then
                  redis.call('HSET', key, 'bv', oldest, 'bt', '0', 'bd', now + busy)
                  redis.call('PEXPIRE', key, memory)
                end
                at = at + 2 * n
              elseif bv and bv < oldest and bd and now < bd + expiry then
                turns[i] = {'BEHIND', bt, tostring(bd)}
                at = at + 2 * n
              else
                local turn = {'WRITE'}
                local kept = 0
                for j = 1, n do
                  local field, version = ARGV[at], tonumber(ARGV[at + 1])
                  at = at + 2
                  local wrote = tonumber(redis.call('HGET', key, 'f:' .. field))
                  if wrote and wrote >= version then
                    table.insert(turn, field)
                  else
                    kept = kept + 1
                  end
                end
                if kept == 0 and settled and newest <= settled then
                  turns[i] = {'SUPERSEDED'}
                  if bv and bv >= oldest and bv <= newest then
                    redis.call('HDEL', key, 'bv', 'bt', 'bd')
                  end
                else
                  redis.call('HSET', key, 'lv', newest, 'lo', owner, 'lu', now + lease)
                  redis.call('PEXPIRE', key, memory)
                  turns[i] = turn
                end
              end
            end
            return turns
            """;

    /**
     * KEYS: record keys. ARGV: memory ms, owner, then per key: oldest, newest, highest settled version (-1:
     * none), oldest version now waiting (-1: none), its tier, its due time, field count, (field, version) pairs
     * written. (Versions are offsets, so 0 is one.)
     */
    private static final String FINISH = """
            local memory, owner = tonumber(ARGV[1]), ARGV[2]
            local at = 3
            for i, key in ipairs(KEYS) do
              local oldest, newest, settled = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
              local waiting, tier, due, n = tonumber(ARGV[at + 3]), ARGV[at + 4], ARGV[at + 5], tonumber(ARGV[at + 6])
              at = at + 7
              local s = redis.call('HMGET', key, 'lv', 'lo', 'w', 'bv')
              if tonumber(s[1]) == newest and s[2] == owner then
                redis.call('HDEL', key, 'lv', 'lo', 'lu')
              end
              for j = 1, n do
                local field, version = ARGV[at], tonumber(ARGV[at + 1])
                at = at + 2
                local wrote = tonumber(redis.call('HGET', key, 'f:' .. field))
                if not wrote or version > wrote then
                  redis.call('HSET', key, 'f:' .. field, version)
                end
              end
              if settled >= 0 and (not tonumber(s[3]) or settled > tonumber(s[3])) then
                redis.call('HSET', key, 'w', settled)
              end
              local bv = tonumber(s[4])
              if waiting >= 0 then
                if not bv or bv >= oldest then
                  redis.call('HSET', key, 'bv', waiting, 'bt', tier, 'bd', due)
                end
              elseif bv and bv >= oldest and bv <= newest then
                redis.call('HDEL', key, 'bv', 'bt', 'bd')
              end
              redis.call('PEXPIRE', key, memory)
            end
            return 1
            """;

    /** What to ask for one record: its pending versions and the version of each field their fold sets. */
    public record Ask(String recordKey, long oldest, long newest, Map<String, Long> fieldVersions) {}

    /**
     * What became of one record's versions: the fields written (lower-case, with the version that set
     * them), the highest version settled for good (written, dead-lettered; {@link #NONE}: none), and the
     * oldest version now waiting in a retry topic ({@link #NONE}: none) with its tier and due time.
     */
    public record Done(
            String recordKey,
            long oldest,
            long newest,
            Map<String, Long> written,
            long settled,
            long waiting,
            int waitingTier,
            long waitingDue) {

        /** No version: versions are offsets, so they start at 0. */
        public static final long NONE = -1;
    }

    private final ReactiveRedisDataSource redis;
    private final DeliveryConfig config;
    private final LeaseKeeper leases;
    private final boolean cluster;

    public WriteSequencer(
            ReactiveRedisDataSource redis, DeliveryConfig config, LeaseKeeper leases, RedisMode redisMode) {
        this.redis = redis;
        this.config = config;
        this.leases = leases;
        this.cluster = redisMode.cluster();
    }

    /** Asks each record's turn; the answers are in the same order. Leases granted are renewed until {@link #finish}. */
    public Uni<List<WriteTurn>> begin(List<Ask> asks) {
        if (!cluster || asks.size() < 2) {
            return beginTogether(asks, this::eval);
        }
        // A cluster runs a script only over keys of one slot; the script treats each key on its own.
        SlotGroups groups =
                SlotGroups.of(asks.stream().map(a -> KEY_PREFIX + a.recordKey()).toList());
        // All on one connection (one per node, pipelined), not one pooled connection set per script.
        return onOneConnection(connection -> {
                    List<Uni<List<WriteTurn>>> asked = new ArrayList<>();
                    for (List<Ask> group : groups.split(asks)) {
                        asked.add(beginTogether(group, args -> evalOn(connection, args)));
                    }
                    return Uni.join().all(asked).andFailFast();
                })
                .map(groups::inKeyOrder);
    }

    private Uni<List<WriteTurn>> beginTogether(List<Ask> asks, Function<List<String>, Uni<Response>> eval) {
        List<String> args = new ArrayList<>();
        args.add(BEGIN);
        args.add(Integer.toString(asks.size()));
        asks.forEach(a -> args.add(KEY_PREFIX + a.recordKey()));
        args.add(Long.toString(config.ordering().lease().toMillis()));
        args.add(Long.toString(config.ordering().memory().toMillis()));
        args.add(leases.owner());
        args.add(Long.toString(config.ordering().blockExpiry().toMillis()));
        args.add(Long.toString(busyWait().toMillis()));
        for (Ask ask : asks) {
            args.add(Long.toString(ask.oldest()));
            args.add(Long.toString(ask.newest()));
            args.add(Integer.toString(ask.fieldVersions().size()));
            ask.fieldVersions().forEach((field, version) -> {
                args.add(field);
                args.add(Long.toString(version));
            });
        }
        return eval.apply(args)
                .map(WriteSequencer::turns)
                .invoke(turns -> {
                    for (int i = 0; i < turns.size(); i++) {
                        if (turns.get(i).kind() == WriteTurn.Kind.WRITE) {
                            leases.hold(
                                    KEY_PREFIX + asks.get(i).recordKey(),
                                    asks.get(i).newest());
                        }
                    }
                })
                .onFailure()
                .transform(SequencerUnavailableException::new);
    }

    /**
     * Records what was written and what waits, and gives the leases back. Tried a few times, then logged
     * rather than raised: the writes themselves are done, and the leases run out by themselves.
     */
    public Uni<Void> finish(List<Done> done) {
        if (done.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (!cluster || done.size() < 2) {
            return finishTogether(done, this::eval);
        }
        SlotGroups groups =
                SlotGroups.of(done.stream().map(d -> KEY_PREFIX + d.recordKey()).toList());
        return onOneConnection(connection -> {
                    List<Uni<Void>> finished = new ArrayList<>();
                    for (List<Done> group : groups.split(done)) {
                        finished.add(finishTogether(group, args -> evalOn(connection, args)));
                    }
                    return Uni.join().all(finished).andCollectFailures();
                })
                .onFailure()
                .invoke(e -> Log.warnf("Could not record the end of %d write(s) in Redis: %s", done.size(), e))
                .onFailure()
                .recoverWithNull()
                .invoke(() -> done.forEach(d -> leases.release(KEY_PREFIX + d.recordKey(), d.newest())))
                .replaceWithVoid();
    }

    private Uni<Void> finishTogether(List<Done> done, Function<List<String>, Uni<Response>> eval) {
        List<String> args = new ArrayList<>();
        args.add(FINISH);
        args.add(Integer.toString(done.size()));
        done.forEach(d -> args.add(KEY_PREFIX + d.recordKey()));
        args.add(Long.toString(config.ordering().memory().toMillis()));
        args.add(leases.owner());
        for (Done d : done) {
            args.add(Long.toString(d.oldest()));
            args.add(Long.toString(d.newest()));
            args.add(Long.toString(d.settled()));
            args.add(Long.toString(d.waiting()));
            args.add(Integer.toString(d.waitingTier()));
            args.add(Long.toString(d.waitingDue()));
            args.add(Integer.toString(d.written().size()));
            d.written().forEach((field, version) -> {
                args.add(field);
                args.add(Long.toString(version));
            });
        }
        return eval.apply(args)
                .replaceWithVoid()
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(100))
                .atMost(3)
                .onFailure()
                .invoke(e ->
                        Log.warnf("Could not record the end of %d write(s) in Redis: %s", done.size(), e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .invoke(() -> done.forEach(d -> leases.release(KEY_PREFIX + d.recordKey(), d.newest())));
    }

    private Uni<Response> eval(List<String> args) {
        return redis.execute("EVAL", args.toArray(String[]::new));
    }

    private static Uni<Response> evalOn(RedisConnection connection, List<String> args) {
        Request request = Request.cmd(Command.EVAL);
        args.forEach(request::arg);
        return connection.send(request);
    }

    /** Runs {@code work} on one connection of the cluster client, closed after it, failed or not. */
    private <T> Uni<T> onOneConnection(Function<RedisConnection, Uni<T>> work) {
        return redis.getRedis()
                .connect()
                .onFailure()
                .transform(SequencerUnavailableException::new)
                .flatMap(connection -> work.apply(connection).eventually(connection::close));
    }

    /** How long a busy version waits before it is tried again: the first retry delay and its jitter, at most. */
    private Duration busyWait() {
        Duration first = config.retryDelays().get(0);
        return first.plus(
                first.multipliedBy(Math.round(config.retryJitter() * 100)).dividedBy(100));
    }

    private static List<WriteTurn> turns(Response answer) {
        List<WriteTurn> turns = new ArrayList<>(answer.size());
        for (Response turn : answer) {
            WriteTurn.Kind kind = WriteTurn.Kind.valueOf(turn.get(0).toString());
            switch (kind) {
                case WRITE -> {
                    Set<String> skip = new HashSet<>();
                    for (int i = 1; i < turn.size(); i++) {
                        skip.add(turn.get(i).toString());
                    }
                    turns.add(new WriteTurn(kind, skip, 0, 0));
                }
                case BEHIND ->
                    turns.add(new WriteTurn(
                            kind,
                            Set.of(),
                            Integer.parseInt(turn.get(1).toString()),
                            Long.parseLong(turn.get(2).toString())));
                default -> turns.add(WriteTurn.of(kind));
            }
        }
        return turns;
    }
}
