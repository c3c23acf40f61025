package dev.governor.ingress.reads;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An answer Salesforce gave, as kept in Redis: found or not, the JSON, when it was fetched, and the object's
 * versions it was fetched under (a later version makes it stale).
 *
 * @param found        false for "no such record" (kept briefly)
 * @param body         the record or the query's records, as JSON
 * @param fetchedAt    epoch milliseconds of the call that fetched it
 * @param etag         a digest of the body, the HTTP entity tag
 * @param generation   the object's generation when it was fetched
 * @param queryVersion the object's query version when it was fetched
 */
@RegisterForReflection
public record CachedAnswer(
        boolean found, String body, long fetchedAt, String etag, long generation, long queryVersion) {

    /** Whether the object's versions now still cover this answer. */
    boolean currentAt(ReadCache.Versions versions, boolean staleOnAnyChange) {
        return generation == versions.generation() && (!staleOnAnyChange || queryVersion == versions.queries());
    }

    CachedAnswer fetchedUnder(ReadCache.Versions versions) {
        return new CachedAnswer(found, body, fetchedAt, etag, versions.generation(), versions.queries());
    }
}
