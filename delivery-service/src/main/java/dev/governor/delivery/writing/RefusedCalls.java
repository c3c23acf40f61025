package dev.governor.delivery.writing;

import dev.governor.salesforce.error.SalesforceError;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading why Salesforce refused a whole collection call, to find the records that caused it. */
final class RefusedCalls {

    /** "No such column 'Foo__c' on sobject of type Account" (INVALID_FIELD). */
    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("No such column '([^']+)'");

    private RefusedCalls() {}

    /** The field a refusal names: its {@code fields}, or the column of an INVALID_FIELD message. */
    static Optional<String> namedColumn(SalesforceError error) {
        if (error.fields() != null && error.fields().size() == 1) {
            return Optional.of(error.fields().get(0));
        }
        if (error.message() != null) {
            Matcher m = NO_SUCH_COLUMN.matcher(error.message());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** Whether a collection record sets the field (names compared without regard to case). */
    static boolean sets(Map<String, Object> body, String field) {
        return body.keySet().stream().anyMatch(field::equalsIgnoreCase);
    }
}
