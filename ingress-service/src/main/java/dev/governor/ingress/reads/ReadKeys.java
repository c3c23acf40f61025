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
 * object's versions and entries live in one slot of a Redis Cluster. An object has two versions: its
 * generation (a flush of everything cached of it: a gap in its change events) and its query version (a
 * change to any of its records, which any query over it may hold). Records by Id are keyed under the
 * generation, records by External ID and queries under both, so each eviction is one command, whatever is
 * cached. Pure.
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
    static String record(String object, long generation, String id) {
        return tag(object) + "g" + generation + ":id:" + id;
    }

    /**
     * A record by an External ID value. Keyed under the query version too: a change event names the record's
     * Id, not its External ID values, so any change of the object makes these stale, as it does queries.
     */
    static String externalId(String object, long generation, long queryVersion, String field, String value) {
        return tag(object) + "g" + generation + ":q" + queryVersion + ":ext:" + field.toLowerCase(Locale.ROOT) + ":"
                + digest(value);
    }

    static String query(String object, long generation, long queryVersion, String name, Map<String, String> params) {
        return tag(object) + "g" + generation + ":q" + queryVersion + ":query:" + name + ":"
                + digest(new TreeMap<>(params).toString());
    }

    static String lock(String entry) {
        return entry + ":lock";
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
