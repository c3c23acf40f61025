package dev.governor.ingress.ledger;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the ingress keeps one request in Redis: a single hash per caller and Idempotency-Key, holding
 * the key's claim or answer ({@link #ANSWER}), what the request's records share ({@link #SHARED}) and
 * one short field per record, named by its index (rarely with an {@link #earlyField} beside it). A
 * small hash is stored packed (a listpack) as long as every value stays under Redis's {@code
 * hash-max-listpack-value} (64 bytes by default), which is why what records share is kept once and each
 * record keeps only what is its own.
 */
public final class RequestHash {

    public static final String KEY_PREFIX = "governor:req:v2:";
    /** The Idempotency-Key's claim while the request runs, then its answer. */
    public static final String ANSWER = "a";
    /** What every record of the request shares: caller, object, external id field, accepted at. */
    public static final String SHARED = "r";

    /**
     * Sets ARGV[2] field-value arguments, deletes the fields after them, then makes the hash live at least
     * ARGV[1] ms more, never less: the answer and the statuses each need their own time, and a later,
     * shorter one must not cut an earlier, longer one. One script, so a reader never sees half of it.
     */
    private static final String WRITE = "local n = tonumber(ARGV[2]) "
            + "if n > 0 then redis.call('HSET', KEYS[1], unpack(ARGV, 3, 2 + n)) end "
            + "if #ARGV > 2 + n then redis.call('HDEL', KEYS[1], unpack(ARGV, 3 + n)) end "
            + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return 1";

    private RequestHash() {}

    public static String key(String request) {
        return KEY_PREFIX + request;
    }

    public static String recordField(int index) {
        return Integer.toString(index);
    }

    /**
     * Where a record's outcomes go while its request has no {@link #SHARED} part yet: delivery can answer
     * before the ingress has stored what it accepted, and that store must not overwrite them. Written
     * without a shared part to be relative to, so it reads the same before and after the request's is
     * stored; folded into the record's own field, and deleted, by the first outcome after that.
     */
    public static String earlyField(int index) {
        return "e" + index;
    }

    /** The request that sets {@code fields} in a request's hash and keeps it for at least {@code atLeast}. */
    public static Request write(String request, Duration atLeast, Map<String, String> fields) {
        return write(request, atLeast, fields, List.of());
    }

    /** As {@link #write(String, Duration, Map)}, deleting {@code deleted} fields in the same step. */
    public static Request write(String request, Duration atLeast, Map<String, String> fields, List<String> deleted) {
        Request eval = Request.cmd(Command.EVAL)
                .arg(WRITE)
                .arg(1)
                .arg(key(request))
                .arg(Math.max(1, atLeast.toMillis()))
                .arg(fields.size() * 2);
        fields.forEach((field, value) -> eval.arg(field).arg(value));
        deleted.forEach(eval::arg);
        return eval;
    }
}
