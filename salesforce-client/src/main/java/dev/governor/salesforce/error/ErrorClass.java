package dev.governor.salesforce.error;

/** What a client should do about a Salesforce error (see docs/architecture.md, "Salesforce errors"). */
public enum ErrorClass {
    /** Retry with backoff: the same request may succeed later (lock contention, 5xx, timeouts). */
    TRANSIENT,
    /** Get a new session and retry once (401 INVALID_SESSION_ID). */
    SESSION,
    /** Stop until the rolling daily window frees calls; never spin (403 "TotalRequests"). */
    DAILY_LIMIT,
    /** Back off briefly and send fewer at once (403 "ConcurrentRequests"). */
    CONCURRENCY_LIMIT,
    /** Will never succeed as sent: dead-letter with the error (validation, unknown field, duplicates, …). */
    PERMANENT,
    /** The integration itself is broken (an expired password): alert, do not loop. */
    FATAL;

    /** Classifies an error by its code and message, as the brief's error table prescribes. */
    public static ErrorClass of(SalesforceError error) {
        String code = error.code() == null ? "" : error.code();
        String message = error.message() == null ? "" : error.message();
        return switch (code) {
            case "INVALID_SESSION_ID" -> SESSION;
            case "INVALID_OPERATION_WITH_EXPIRED_PASSWORD" -> FATAL;
            case "REQUEST_LIMIT_EXCEEDED" -> message.contains("ConcurrentRequests") ? CONCURRENCY_LIMIT : DAILY_LIMIT;
            case "SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT" -> TRANSIENT;
            case "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY" ->
                message.contains("UNABLE_TO_LOCK_ROW") ? TRANSIENT : PERMANENT;
            default -> PERMANENT;
        };
    }
}
