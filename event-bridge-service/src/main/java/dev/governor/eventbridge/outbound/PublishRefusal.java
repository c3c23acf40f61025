package dev.governor.eventbridge.outbound;

import java.util.List;

/**
 * What a per-event error in a PublishResponse means for the event: publish it again under the topic's new
 * schema, hold until the hourly allocation frees up, give up on it (Salesforce will refuse it every time),
 * or try again after a while. Read from the error text Salesforce sends; pure.
 */
enum PublishRefusal {
    SCHEMA_CHANGED,
    ALLOCATION_SPENT,
    PERMANENT,
    TRANSIENT;

    /** Status codes of refusals that no retry changes: the event itself is wrong for the org. */
    private static final List<String> PERMANENT_CODES = List.of(
            "REQUIRED_FIELD_MISSING",
            "STRING_TOO_LONG",
            "INVALID_TYPE",
            "INVALID_FIELD",
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            "FIELD_INTEGRITY_EXCEPTION",
            "NUMBER_OUTSIDE_VALID_RANGE",
            "MALFORMED_ID");

    static PublishRefusal of(String message) {
        String text = message == null ? "" : message;
        if (text.contains("LIMIT_EXCEEDED")) {
            return ALLOCATION_SPENT;
        }
        if (text.contains("current schema") || text.contains("schema.validation") || text.contains("SCHEMA")) {
            return SCHEMA_CHANGED;
        }
        if (PERMANENT_CODES.stream().anyMatch(text::startsWith)
                || text.contains("an event may have at most")
                || text.contains("cannot be read")
                || text.contains("after the end of its record")) {
            return PERMANENT;
        }
        return TRANSIENT;
    }
}
