package dev.governor.archive.snapshot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * One snapshot at a time across the archive's replicas: a Redis key held with a lease, renewed while the
 * snapshot runs, so a crashed holder's snapshot is resumed by another replica once the lease has lapsed.
 */
@ApplicationScoped
public class SnapshotLock {

    static final Duration LEASE = Duration.ofSeconds(60);
    private static final String KEY = "governor:archive:v1:snapshot-lock";
    private static final String RENEW =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private static final String RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private final ReactiveRedisDataSource redis;
    private final String me = "archive-" + UUID.randomUUID();

    SnapshotLock(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Takes the lock if nobody holds it. Blocking. */
    boolean take() {
        return redis.execute("SET", KEY, me, "NX", "PX", Long.toString(LEASE.toMillis()))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                != null;
    }

    /** Extends the lease; false when the lock is no longer ours. Blocking. */
    boolean renew() {
        return redis.execute("EVAL", RENEW, "1", KEY, me, Long.toString(LEASE.toMillis()))
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .toLong()
                == 1;
    }

    void release() {
        redis.execute("EVAL", RELEASE, "1", KEY, me).await().atMost(Duration.ofSeconds(10));
    }
}
