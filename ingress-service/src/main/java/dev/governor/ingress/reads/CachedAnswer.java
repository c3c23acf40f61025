package dev.governor.ingress.reads;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An answer Salesforce gave, as kept in Redis: found or not, the JSON, and when it was fetched.
 *
 * @param found     false for "no such record" (kept briefly)
 * @param body      the record or the query's records, as JSON
 * @param fetchedAt epoch milliseconds of the call that fetched it
 * @param etag      a digest of the body, the HTTP entity tag
 */
@RegisterForReflection
public record CachedAnswer(boolean found, String body, long fetchedAt, String etag) {}
