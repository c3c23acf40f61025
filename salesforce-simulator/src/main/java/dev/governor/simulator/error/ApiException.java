package dev.governor.simulator.error;

import java.util.List;

/** A whole request refused: HTTP status and a top-level error array. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient List<ApiError> errors;

    public ApiException(int status, ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.errors = List.of(error);
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }

    public static ApiException notFound() {
        return new ApiException(404, ApiError.of("NOT_FOUND", "The requested resource does not exist"));
    }

    public static ApiException badRequest(String code, String message, String... fields) {
        return new ApiException(400, ApiError.of(code, message, fields));
    }
}
