package dev.governor.ingress.ledger;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.Map;

/**
 * Where the ingress keeps one request in Redis: a single hash per caller and Idempotency-Key, holding
 * the key's claim or answer ({@link #ANSWER}), what the request's records share ({@link #SHARED}) and
 * one short field per record, named by its index. A small hash is stored packed (a listpack) as long as
 * every value stays under Redis's {@code hash-max-listpack-value} (64 bytes by default), which is why
 * what records share is kept once and each record keeps only what is its own.
 */
public final class RequestHash {

    public static final String KEY_PREFIX = "governor:req:v2:";
    /** The Idempotency-Key's claim while the request runs, then its answer. */
    public static final String ANSWER = "a";
    /** What every record of the request shares: caller, object, external id field, accepted at. */
    public static final String SHARED = "r";

    /**
     * Sets fields, then makes the hash live at least ARGV[1] ms more, never less: the answer and the
     * statuses each need their own time, and a later, shorter one must not cut an earlier, longer one.
     */
    private static final String WRITE = "redis.call('HSET', KEYS[1], unpack(ARGV, 2)) "
            + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return 1";

    private RequestHash() {}

    public static String key(String request) {
        return KEY_PREFIX + request;
    }

    public static String recordField(int index) {
        return Integer.toString(index);
    }

    /** The request that sets {@code fields} in a request's hash and keeps it for at least {@code atLeast}. */
    public static Request write(String request, Duration atLeast, Map<String, String> fields) {
        Request eval =
                Request.cmd(Command.EVAL).arg(WRITE).arg(1).arg(key(request)).arg(Math.max(1, atLeast.toMillis()));
        fields.forEach((field, value) -> eval.arg(field).arg(value));
        return eval;
    }
}
