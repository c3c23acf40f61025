package dev.governor.simulator.error;

import java.util.List;

/**
 * One Salesforce error. At the top level of a response it is written with {@code errorCode}; inside a
 * per-record result with {@code statusCode} — the asymmetry every Salesforce client has to handle.
 */
public record ApiError(String code, String message, List<String> fields) {

    public ApiError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static ApiError of(String code, String message, String... fields) {
        return new ApiError(code, message, List.of(fields));
    }
}
