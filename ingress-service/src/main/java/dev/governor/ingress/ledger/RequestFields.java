package dev.governor.ingress.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.governor.common.record.RecordOutcome;
import dev.governor.ingress.status.RequestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a request's hash, as short JSON arrays: positions instead of field names, the tracking
 * id and what every record shares left out of each record, times in epoch milliseconds (and a record's
 * last change relative to its acceptance). Read back, they give the same {@link RequestStatus} to the
 * millisecond.
 */
public final class RequestFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestFields() {}

    /** What the records of one request share, stored once in {@link RequestHash#SHARED}. */
    public record Shared(String caller, String sobject, String externalIdField, Instant acceptedAt) {

        public static Shared of(RequestStatus status) {
            return new Shared(status.caller(), status.sobject(), status.externalIdField(), status.acceptedAt());
        }
    }

    public static String shared(Shared shared) {
        ArrayNode array = NODES.arrayNode()
                .add(shared.caller())
                .add(shared.sobject())
                .add(shared.externalIdField())
                .add(shared.acceptedAt() == null ? null : shared.acceptedAt().toEpochMilli());
        return written(array);
    }

    /** What the records share, or null for a request known only from its outcomes. */
    public static Shared shared(String stored) {
        if (stored == null) {
            return null;
        }
        JsonNode array = read(stored);
        return new Shared(text(array, 0), text(array, 1), text(array, 2), instant(array, 3, null));
    }

    /** One record's own part of its status; {@code shared} is what its request's hash holds (or null). */
    public static String record(RequestStatus status, Shared shared) {
        ArrayNode array = NODES.arrayNode();
        array.add(stateCode(status.status()));
        array.add(status.externalId());
        array.add(status.updatedAt() == null ? null : millis(status.updatedAt(), shared));
        array.add(status.attempts());
        array.add(status.operation() == null ? null : status.operation().substring(0, 1));
        array.add(status.salesforceId());
        RecordOutcome.Error error = status.error();
        if (error == null) {
            array.addNull();
        } else {
            ArrayNode written = array.addArray().add(error.statusCode()).add(error.message());
            if (error.fields() != null) {
                ArrayNode fields = written.addArray();
                error.fields().forEach(fields::add);
            }
        }
        boolean ownField = status.externalIdField() != null
                && (shared == null || !status.externalIdField().equals(shared.externalIdField()));
        array.add(ownField ? status.externalIdField() : null);
        if (!status.passed().isEmpty()) {
            ArrayNode passed = array.addArray();
            status.passed().forEach(step -> passed.add(step(step, shared)));
        }
        while (array.size() > 1 && array.get(array.size() - 1).isNull()) {
            array.remove(array.size() - 1);
        }
        return written(array);
    }

    /** The status of the record stored as {@code stored} in the hash whose shared part is {@code shared}. */
    public static RequestStatus record(String trackingId, String stored, Shared shared) {
        JsonNode array = read(stored);
        RequestStatus.State state = state(text(array, 0));
        String operation = text(array, 4);
        RecordOutcome.Error error = null;
        JsonNode written = array.path(6);
        if (written.isArray()) {
            List<String> fields = null;
            if (written.path(2).isArray()) {
                fields = new ArrayList<>();
                for (JsonNode field : written.get(2)) {
                    fields.add(field.asText());
                }
            }
            error = new RecordOutcome.Error(text(written, 0), text(written, 1), fields);
        }
        String ownField = text(array, 7);
        List<RequestStatus.Step> passed = new ArrayList<>();
        for (JsonNode step : array.path(8)) {
            passed.add(step(step, shared));
        }
        return new RequestStatus(
                trackingId,
                state,
                operation == null ? null : ("C".equals(operation) ? "CREATED" : "UPDATED"),
                shared == null ? null : shared.sobject(),
                ownField != null ? ownField : (shared == null ? null : shared.externalIdField()),
                text(array, 1),
                shared == null ? null : shared.caller(),
                shared == null ? null : shared.acceptedAt(),
                instant(array, 2, shared),
                text(array, 5),
                array.path(3).isNumber() ? array.get(3).intValue() : null,
                error,
                passed);
    }

    /** A state passed through: [state, at (as a record's last change is), attempts, error code]. */
    private static ArrayNode step(RequestStatus.Step step, Shared shared) {
        ArrayNode array = NODES.arrayNode()
                .add(stateCode(step.status()))
                .add(step.at() == null ? null : millis(step.at(), shared))
                .add(step.attempts())
                .add(step.errorCode());
        while (array.size() > 1 && array.get(array.size() - 1).isNull()) {
            array.remove(array.size() - 1);
        }
        return array;
    }

    private static RequestStatus.Step step(JsonNode array, Shared shared) {
        return new RequestStatus.Step(
                state(text(array, 0)),
                instant(array, 1, shared),
                array.path(2).isNumber() ? array.get(2).intValue() : null,
                text(array, 3));
    }

    private static long millis(Instant at, Shared shared) {
        return shared != null && shared.acceptedAt() != null
                ? at.toEpochMilli() - shared.acceptedAt().toEpochMilli()
                : at.toEpochMilli();
    }

    private static Instant instant(JsonNode array, int position, Shared relativeTo) {
        JsonNode value = array.path(position);
        if (!value.isNumber()) {
            return null;
        }
        long millis = value.longValue();
        return Instant.ofEpochMilli(
                relativeTo != null && relativeTo.acceptedAt() != null
                        ? relativeTo.acceptedAt().toEpochMilli() + millis
                        : millis);
    }

    private static String stateCode(RequestStatus.State state) {
        return switch (state) {
            case ACCEPTED -> "A";
            case DELIVERED -> "D";
            case RETRYING -> "R";
            case DEAD_LETTERED -> "X";
            case SUPERSEDED -> "S";
        };
    }

    private static RequestStatus.State state(String code) {
        return switch (code == null ? "" : code) {
            case "A" -> RequestStatus.State.ACCEPTED;
            case "D" -> RequestStatus.State.DELIVERED;
            case "R" -> RequestStatus.State.RETRYING;
            case "X" -> RequestStatus.State.DEAD_LETTERED;
            case "S" -> RequestStatus.State.SUPERSEDED;
            default -> throw new IllegalStateException("Unreadable request status: state '" + code + "'");
        };
    }

    private static String text(JsonNode array, int position) {
        JsonNode value = array.path(position);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode read(String stored) {
        try {
            JsonNode node = JSON.readTree(stored);
            if (node == null || !node.isArray()) {
                throw new IllegalStateException("Unreadable request status: not an array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable request status", e);
        }
    }

    private static String written(ArrayNode array) {
        return array.toString();
    }
}
