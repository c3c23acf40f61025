package dev.governor.ingress.idempotency;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Redis keeps under an idempotency key: while the first request runs, its claim; once it has been
 * answered, the answer, so the same request again gets the same answer.
 *
 * @param state       IN_FLIGHT or COMPLETED
 * @param fingerprint the first request's fingerprint (method, path, body)
 * @param claim       a random id of the claiming request, so only it can release the key
 * @param status      the HTTP status it was answered with (COMPLETED)
 * @param location    its Location header, if any
 * @param body        its JSON body
 */
@RegisterForReflection
public record StoredAnswer(
        String state, String fingerprint, String claim, Integer status, String location, String body) {

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String COMPLETED = "COMPLETED";

    public boolean completed() {
        return COMPLETED.equals(state);
    }
}
