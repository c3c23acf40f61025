package dev.governor.eventbridge.lease;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;

/**
 * Which replica does a job only one may do at a time — relay a subscription, hold the MQTT session: a
 * Redis lease, taken when free and renewed by its holder, that lapses when the holder dies. It keeps a
 * second replica from starting; it is not what keeps a zombie from writing — for a relay, the lead's
 * transactional producer fences the old holder's; for MQTT, the broker ends the old connection when the
 * new lead connects with the same client id. Blocking: called from the job's own thread.
 */
public final class Lease {

    /** Renews the lease if this holder has it, takes it if nobody does; 1 when this holder has it after. */
    private static final String TAKE_OR_RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 1
            end
            return 0
            """;

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisDataSource redis;
    private final String key;
    private final String holder;
    private final Duration ttl;

    public Lease(RedisDataSource redis, String job, String holder, Duration ttl) {
        this.redis = redis;
        this.key = key(job);
        this.holder = holder;
        this.ttl = ttl;
    }

    /** Whether this replica holds the lease now (taken or renewed); false also when Redis cannot say. */
    public boolean hold() {
        Response answer = redis.execute("EVAL", TAKE_OR_RENEW, "1", key, holder, Long.toString(ttl.toMillis()));
        return answer != null && answer.toLong() == 1;
    }

    public void release() {
        redis.execute("EVAL", RELEASE, "1", key, holder);
    }

    public String holder() {
        return holder;
    }

    /** The replica holding the job's lease now, whichever it is; empty while none does. */
    public static java.util.Optional<String> heldBy(RedisDataSource redis, String job) {
        Response answer = redis.execute("GET", key(job));
        return answer == null ? java.util.Optional.empty() : java.util.Optional.of(answer.toString());
    }

    private static String key(String job) {
        return "governor:bridge:lease:{" + job + "}";
    }
}
