package dev.governor.ingress.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a request's hash keeps of its Idempotency-Key ({@link RequestHash#ANSWER}): while the first
 * request runs, its claim; once answered, how — enough to give the same answer again byte for byte, which
 * is rebuilt from the records the hash holds (the answer lists them) rather than stored a second time.
 * Only an accepted request keeps its key (any other outcome releases it), so an answer is always a 202.
 * Stored as {@code [expires, fingerprint, claim]} or {@code [expires, fingerprint, salt, records, batch]}
 * — every byte counts, as the value must stay under the listpack limit; the hash may outlive the answer
 * (the records' status is kept longer), so the claim script reads {@code expires} (epoch seconds, first
 * in both) to tell a live answer from a spent one.
 *
 * @param expires     when the claim or answer ends: a claim of the key after it is a new request
 * @param fingerprint the first request's fingerprint (method, path, body)
 * @param claim       a random id of the claiming request, so only it can release the key (in flight)
 * @param salt        the salt of its tracking ids (answered)
 * @param records     how many records it accepted (answered)
 * @param batch       whether it was a batch, answered as {@code {"records": [...]}} (answered)
 */
public record StoredAnswer(Instant expires, String fingerprint, String claim, String salt, int records, boolean batch) {

    /** The status of every stored answer. */
    public static final int ACCEPTED = 202;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim until {@code expires} (rounded up to the second, so it lasts at least that long). */
    public static StoredAnswer inFlight(Instant expires, String fingerprint, String claim) {
        return new StoredAnswer(roundedUp(expires), fingerprint, claim, null, 0, false);
    }

    /** An answer kept until {@code expires} (rounded up to the second). */
    public static StoredAnswer answered(Instant expires, String fingerprint, String salt, int records, boolean batch) {
        return new StoredAnswer(roundedUp(expires), fingerprint, null, salt, records, batch);
    }

    public boolean completed() {
        return salt != null;
    }

    public String encoded() {
        ArrayNode array = JsonNodeFactory.instance
                .arrayNode()
                .add(expires.getEpochSecond())
                .add(fingerprint);
        if (completed()) {
            array.add(salt).add(records).add(batch ? 1 : 0);
        } else {
            array.add(claim);
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
                || !array.path(0).isNumber()
                || !array.path(1).isTextual()
                || !array.path(2).isTextual()) {
            throw new IllegalStateException("Unreadable idempotency record");
        }
        Instant expires = Instant.ofEpochSecond(array.get(0).longValue());
        String fingerprint = array.get(1).asText();
        return switch (array.size()) {
            case 3 -> inFlight(expires, fingerprint, array.get(2).asText());
            case 5 ->
                answered(
                        expires,
                        fingerprint,
                        array.get(2).asText(),
                        array.path(3).asInt(),
                        array.path(4).asInt() == 1);
            default -> throw new IllegalStateException("Unreadable idempotency record");
        };
    }

    private static Instant roundedUp(Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(at) ? at : second.plusSeconds(1);
    }
}
