package dev.governor.simulator.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Salesforce record ids: a 3-character key prefix, a 2-character pod id, a 10-character base-62
 * sequence, and the 3-character case-safe suffix that makes the 18-character form.
 */
public final class RecordIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "5g";

    private final AtomicLong sequence = new AtomicLong();

    /** A new 18-character id for a record of the object with this key prefix. */
    public String next(String keyPrefix) {
        return to18(keyPrefix + POD + base62(sequence.incrementAndGet(), 10));
    }

    public void reset() {
        sequence.set(0);
    }

    /** The id of a simulated user, stable for a username. */
    public static String userId(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < 7; i++) {
                n = (n << 8) | (digest[i] & 0xff);
            }
            return to18("005" + POD + base62(n, 10));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the case-safe suffix: one character per 5-character chunk, encoding which letters are upper case. */
    public static String to18(String id15) {
        StringBuilder id = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            id.append(SUFFIX_ALPHABET.charAt(flags));
        }
        return id.toString();
    }

    /** Whether the text has the form of a 15- or 18-character record id (MALFORMED_ID otherwise). */
    public static boolean wellFormed(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return id.length() == 15 || to18(id.substring(0, 15)).equals(id);
    }

    private static String base62(long value, int width) {
        char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }
}
