package dev.governor.ingress.idempotency;

/**
 * The result of presenting an Idempotency-Key.
 *
 * @param outcome  what the key's state allows
 * @param key      the Redis key (for completing or releasing a claim)
 * @param claimed  the value this request stored (IN_FLIGHT), to release it safely
 * @param previous the earlier request's stored answer, for REPLAY
 */
public record Claim(Outcome outcome, String key, String claimed, StoredAnswer previous) {

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
    public static Claim unchecked() {
        return new Claim(Outcome.UNCHECKED, null, null, null);
    }
}
