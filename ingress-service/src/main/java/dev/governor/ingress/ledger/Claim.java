package dev.governor.ingress.ledger;

import dev.governor.ingress.status.RequestStatus;
import java.util.List;

/**
 * The result of presenting an Idempotency-Key.
 *
 * @param outcome  what the key's state allows
 * @param request  the request part of the key's hash and of its tracking ids
 * @param salt     the salt of this request's tracking ids (CLAIMED, UNCHECKED)
 * @param claimed  the value this request stored (CLAIMED), to release it safely
 * @param previous the earlier request's stored claim or answer (REPLAY, IN_FLIGHT, MISMATCH)
 * @param answered the records the earlier request accepted, in its order (REPLAY)
 */
public record Claim(
        Outcome outcome,
        String request,
        String salt,
        String claimed,
        StoredAnswer previous,
        List<RequestStatus> answered) {

    public enum Outcome {
        /** The key is new: this request goes ahead. */
        CLAIMED,
        /** The same request was answered before: answer the same again. */
        REPLAY,
        /** The same key is held by a request still in progress: 409. */
        IN_FLIGHT,
        /** The key was used for a different request: 422. */
        MISMATCH,
        /** The key store was unreachable and the ingress is configured to accept writes unchecked. */
        UNCHECKED
    }

    /** A stand-in claim for a write accepted while the key store is unreachable. */
    public static Claim unchecked(String caller, String idempotencyKey) {
        return new Claim(
                Outcome.UNCHECKED,
                TrackingId.requestOf(caller, idempotencyKey),
                TrackingId.newSalt(),
                null,
                null,
                List.of());
    }

    /** The tracking id of this request's record {@code index}. */
    public String trackingId(int index) {
        return new TrackingId(request, salt, index).toString();
    }
}
