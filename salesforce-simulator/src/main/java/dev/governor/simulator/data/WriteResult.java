package dev.governor.simulator.data;

import dev.governor.simulator.error.ApiError;
import java.util.List;

/**
 * The result of one record of a write, in the shape Salesforce answers: {@code id}, {@code success},
 * {@code errors} and, for upserts and creates, {@code created}.
 */
public record WriteResult(String id, boolean success, Boolean created, List<ApiError> errors) {

    public static WriteResult created(String id) {
        return new WriteResult(id, true, true, List.of());
    }

    public static WriteResult updated(String id) {
        return new WriteResult(id, true, false, List.of());
    }

    public static WriteResult deleted(String id) {
        return new WriteResult(id, true, null, List.of());
    }

    public static WriteResult failed(String id, ApiError error) {
        return new WriteResult(id, false, null, List.of(error));
    }

    public static WriteResult enqueued(String id, String eventUuid) {
        return new WriteResult(id, true, null, List.of(ApiError.of("OPERATION_ENQUEUED", eventUuid)));
    }
}
