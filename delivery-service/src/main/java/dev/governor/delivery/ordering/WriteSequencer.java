package dev.governor.delivery.ordering;

import dev.governor.delivery.writing.DeliveryConfig;
import dev.governor.delivery.writing.PendingWrite;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an older version of a record from overwriting a newer one, across batches, retry topics,
 * replays and replicas. Per record, Redis holds the highest version written and the version being
 * written now (with a lease, so a crashed writer's claim runs out on its own). Before a call, each
 * record's version asks for its turn; after the call, the turn is given back and, on success, the
 * written version recorded — both in one script per collection, so one round trip each way.
 */
@ApplicationScoped
public class WriteSequencer {

    private static final String KEY_PREFIX = "governor:delivery:v1:record:";

    /** KEYS: record keys. ARGV: lease ms, memory ms, then one version per key. Answers one turn per key. */
    private static final String BEGIN = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lease, memory = tonumber(ARGV[1]), tonumber(ARGV[2])
            local turns = {}
            for i, key in ipairs(KEYS) do
              local version = tonumber(ARGV[2 + i])
              local state = redis.call('HMGET', key, 'written', 'writing', 'until')
              local written, writing, expires = tonumber(state[1]), tonumber(state[2]), tonumber(state[3])
              if written and version < written then
                turns[i] = 'SUPERSEDED'
              elseif writing and expires and expires > now and writing ~= version then
                turns[i] = 'BUSY'
              else
                redis.call('HSET', key, 'writing', version, 'until', now + lease)
                redis.call('PEXPIRE', key, memory)
                turns[i] = 'WRITE'
              end
            end
            return turns
            """;

    /** KEYS: record keys. ARGV: memory ms, then per key its version and 1 (written) or 0. */
    private static final String FINISH = """
            local memory = tonumber(ARGV[1])
            for i, key in ipairs(KEYS) do
              local version, written = tonumber(ARGV[2 * i]), ARGV[2 * i + 1] == '1'
              if tonumber(redis.call('HGET', key, 'writing')) == version then
                redis.call('HDEL', key, 'writing', 'until')
              end
              if written then
                local before = tonumber(redis.call('HGET', key, 'written'))
                if not before or version > before then
                  redis.call('HSET', key, 'written', version)
                end
                redis.call('PEXPIRE', key, memory)
              end
            end
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final DeliveryConfig config;

    public WriteSequencer(ReactiveRedisDataSource redis, DeliveryConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Asks for the turn of each write (one version per record); the answers are in the same order. */
    public Uni<List<WriteTurn>> begin(List<PendingWrite> writes) {
        List<String> args = new ArrayList<>();
        args.add(BEGIN);
        args.add(Integer.toString(writes.size()));
        writes.forEach(w -> args.add(KEY_PREFIX + w.recordKey()));
        args.add(Long.toString(config.ordering().lease().toMillis()));
        args.add(Long.toString(config.ordering().memory().toMillis()));
        writes.forEach(w -> args.add(Long.toString(w.version())));
        return redis.execute("EVAL", args.toArray(String[]::new)).map(WriteSequencer::turns)
                .onFailure().transform(e -> new SequencerUnavailableException(e));
    }

    /**
     * Gives the turns back; {@code written.get(i)} says whether write i is now in Salesforce. Tried a few
     * times, then logged rather than raised: the write itself is done, and the lease frees the turn. (A
     * "written" mark lost that way would let an older version still waiting in a retry topic through.)
     */
    public Uni<Void> finish(List<PendingWrite> writes, List<Boolean> written) {
        List<String> args = new ArrayList<>();
        args.add(FINISH);
        args.add(Integer.toString(writes.size()));
        writes.forEach(w -> args.add(KEY_PREFIX + w.recordKey()));
        args.add(Long.toString(config.ordering().memory().toMillis()));
        for (int i = 0; i < writes.size(); i++) {
            args.add(Long.toString(writes.get(i).version()));
            args.add(written.get(i) ? "1" : "0");
        }
        return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(3)
                .onFailure().invoke(e -> Log.warnf("Could not record the end of %d write(s) in Redis: %s", writes.size(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static List<WriteTurn> turns(Response answer) {
        List<WriteTurn> turns = new ArrayList<>(answer.size());
        for (Response turn : answer) {
            turns.add(WriteTurn.valueOf(turn.toString()));
        }
        return turns;
    }
}
