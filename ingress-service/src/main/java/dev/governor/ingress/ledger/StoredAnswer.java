package dev.governor.ingress.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a request's hash keeps of its Idempotency-Key ({@link RequestHash#ANSWER}): while the first
 * request runs, its claim; once answered, how — enough to give the same answer again byte for byte, which
 * is rebuilt from the records the hash holds (the answer lists them) rather than stored a second time.
 * Stored as {@code ["I", expires, fingerprint, claim]} or
 * {@code ["C", expires, fingerprint, status, salt, records, batch]}; the hash may outlive the answer (the
 * records' status is kept longer), so the claim script reads {@code expires} (epoch seconds, second
 * place in both) to tell a live answer from a spent one.
 *
 * @param expires     when the claim or answer ends: a claim of the key after it is a new request
 * @param fingerprint the first request's fingerprint (method, path, body)
 * @param claim       a random id of the claiming request, so only it can release the key (in flight)
 * @param status      the HTTP status it was answered with (answered)
 * @param salt        the salt of its tracking ids (answered)
 * @param records     how many records it accepted (answered)
 * @param batch       whether it was a batch, answered as {@code {"records": [...]}} (answered)
 */
public record StoredAnswer(
        Instant expires, String fingerprint, String claim, Integer status, String salt, int records, boolean batch) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim until {@code expires} (rounded up to the second, so it lasts at least that long). */
    public static StoredAnswer inFlight(Instant expires, String fingerprint, String claim) {
        return new StoredAnswer(roundedUp(expires), fingerprint, claim, null, null, 0, false);
    }

    /** An answer kept until {@code expires} (rounded up to the second). */
    public static StoredAnswer answered(
            Instant expires, String fingerprint, int status, String salt, int records, boolean batch) {
        return new StoredAnswer(roundedUp(expires), fingerprint, null, status, salt, records, batch);
    }

    public boolean completed() {
        return status != null;
    }

    public String encoded() {
        var array = JsonNodeFactory.instance.arrayNode();
        if (completed()) {
            array.add("C")
                    .add(expires.getEpochSecond())
                    .add(fingerprint)
                    .add(status)
                    .add(salt)
                    .add(records)
                    .add(batch ? 1 : 0);
        } else {
            array.add("I").add(expires.getEpochSecond()).add(fingerprint).add(claim);
        }
        return array.toString();
    }

    public static StoredAnswer decoded(String stored) {
        JsonNode array;
        try {
            array = JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable idempotency record", e);
        }
        if (array == null
                || !array.isArray()
                || !array.path(1).isNumber()
                || !array.path(2).isTextual()) {
            throw new IllegalStateException("Unreadable idempotency record");
        }
        Instant expires = Instant.ofEpochSecond(array.get(1).longValue());
        String fingerprint = array.get(2).asText();
        return switch (array.path(0).asText()) {
            case "I" -> inFlight(expires, fingerprint, array.path(3).asText());
            case "C" ->
                answered(
                        expires,
                        fingerprint,
                        array.path(3).asInt(),
                        array.path(4).asText(),
                        array.path(5).asInt(),
                        array.path(6).asInt() == 1);
            default -> throw new IllegalStateException("Unreadable idempotency record");
        };
    }

    private static Instant roundedUp(Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(at) ? at : second.plusSeconds(1);
    }
}
