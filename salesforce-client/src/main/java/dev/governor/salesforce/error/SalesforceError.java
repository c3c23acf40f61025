package dev.governor.salesforce.error;

import java.util.List;

/**
 * One error as Salesforce reports it: {@code errorCode} in a top-level error array, {@code statusCode}
 * in a per-record result — both land here as {@code code}.
 */
public record SalesforceError(String code, String message, List<String> fields) {

    public SalesforceError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
