package dev.governor.ingress.intake;

/**
 * A write to the records API as it arrived: who sent it (its token's {@code sub}), the object in the path,
 * the Idempotency-Key, the declared media type and the body's bytes, one record or a batch.
 */
public record RecordsRequest(
        String subject, String sobject, String idempotencyKey, String contentType, byte[] body, boolean batch) {

    /** The request's path, part of its fingerprint: the same key with another path is another request. */
    String path() {
        return "/v1/records/" + sobject + (batch ? "/batch" : "");
    }
}
