package dev.governor.ingress.reads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Redis keys of cached reads. Every key of one object shares its hash tag ({@code {account}}), so the
 * object's versions and entries live in one slot of a Redis Cluster and one read is one {@code MGET}. An object
 * has two versions: its generation (a flush of everything cached of it: a gap in its change events) and its
 * query version (a change to any of its records, which any query over it may hold). Each entry keeps the
 * versions it was fetched under, so a bump of either makes whatever it covers stale in one command, whatever
 * is cached. Pure.
 */
final class ReadKeys {

    private static final String PREFIX = "governor:ingress:v1:reads:";

    private ReadKeys() {}

    static String tag(String object) {
        return PREFIX + "{" + object.toLowerCase(Locale.ROOT) + "}:";
    }

    static String generation(String object) {
        return tag(object) + "gen";
    }

    static String queryVersion(String object) {
        return tag(object) + "qv";
    }

    /** A record by Id (its 18-character form, so a 15-character Id finds the same entry), every allowed field. */
    static CacheEntry record(String object, String id) {
        return new CacheEntry(object, tag(object) + "id:" + id, false);
    }

    /**
     * A record by an External ID value. Stale on any change of the object, as queries are: a change event names
     * the record's Id, not its External ID values.
     */
    static CacheEntry externalId(String object, String field, String value) {
        return new CacheEntry(
                object, tag(object) + "ext:" + field.toLowerCase(Locale.ROOT) + ":" + digest(value), true);
    }

    static CacheEntry query(String object, String name, Map<String, String> params) {
        return new CacheEntry(
                object, tag(object) + "query:" + name + ":" + digest(new TreeMap<>(params).toString()), true);
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
