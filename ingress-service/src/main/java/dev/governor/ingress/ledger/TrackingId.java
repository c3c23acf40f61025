package dev.governor.ingress.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracking id of one accepted record write: {@code <request><salt>.<index>}. The request part is
 * derived from the caller and its Idempotency-Key, so a write's status lives in the same Redis hash as
 * the request's idempotency answer (one key per request, not two per write); the salt is drawn afresh
 * each time the key is claimed, so a key reused after it expired gets new tracking ids; the index is the
 * record's place in the request. Tracking ids made elsewhere (an org restore writes its own) are kept
 * whole as a request of one record, marked so that none can name one of the ingress's own hashes.
 *
 * @param request the request part (also the Redis key's suffix); for an id made elsewhere, the id after
 *                {@link #FOREIGN}
 * @param salt    drawn when the key was claimed; empty for a tracking id made elsewhere
 * @param index   the record's place in its request
 */
public record TrackingId(String request, String salt, int index) {

    /** Characters of the request part: 120 bits of SHA-256 in base64url. */
    public static final int REQUEST_LENGTH = 20;
    /** Characters of the salt: 48 random bits in base64url. */
    public static final int SALT_LENGTH = 8;

    /** What the request part of an id made elsewhere starts with (a character no id of ours has). */
    static final String FOREIGN = "~";

    private static final Pattern OURS = Pattern.compile(
            "([A-Za-z0-9_-]{" + REQUEST_LENGTH + "})([A-Za-z0-9_-]{" + SALT_LENGTH + "})\\.(0|[1-9][0-9]{0,3})");
    private static final Pattern MADE_ELSEWHERE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The request part for a caller's Idempotency-Key (keys are scoped per caller). */
    public static String requestOf(String caller, String idempotencyKey) {
        byte[] digest = sha256((caller + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        return BASE64URL.encodeToString(Arrays.copyOf(digest, REQUEST_LENGTH * 6 / 8));
    }

    /** A fresh salt, drawn once per claim of a key. */
    public static String newSalt() {
        byte[] bytes = new byte[SALT_LENGTH * 6 / 8];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The tracking id as written, or empty when {@code text} cannot be one (a caller's typo, a probe). */
    public static Optional<TrackingId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher ours = OURS.matcher(text);
        if (ours.matches()) {
            return Optional.of(new TrackingId(ours.group(1), ours.group(2), Integer.parseInt(ours.group(3))));
        }
        if (MADE_ELSEWHERE.matcher(text).matches()) {
            return Optional.of(new TrackingId(FOREIGN + text, "", 0));
        }
        return Optional.empty();
    }

    /** Whether this id was made elsewhere rather than by the ingress for a claimed key. */
    public boolean foreign() {
        return request.startsWith(FOREIGN);
    }

    @Override
    public String toString() {
        return foreign() ? request.substring(FOREIGN.length()) : request + salt + "." + index;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
