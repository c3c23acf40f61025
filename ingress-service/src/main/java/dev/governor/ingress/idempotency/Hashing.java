package dev.governor.ingress.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256, for request fingerprints and webhook payload ids. */
public final class Hashing {

    private Hashing() {}

    /**
     * The fingerprint of a request: method, path and body. Two requests with one Idempotency-Key are
     * "the same request" exactly when their fingerprints are equal.
     */
    public static String fingerprint(String method, String path, byte[] body) {
        MessageDigest digest = sha256();
        digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body == null ? new byte[0] : body);
        // 96 bits in base64url (16 characters): a chance match of two bodies under one key is out of
        // reach, and it keeps a request's Redis hash packed.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 12));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
