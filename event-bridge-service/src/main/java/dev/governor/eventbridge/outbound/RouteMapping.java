package dev.governor.eventbridge.outbound;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one route turns an external event into a Platform Event's fields: fields read from the source's
 * JSON by pointer, constants, the source's timestamp into a date-time field, and the source event's id
 * (from a header or a pointer) — which is both the dedup key and written into a field of the event, so
 * Salesforce-side subscribers can dedup too. Pure: no I/O, so every rule is a plain unit test.
 *
 * @param fields         Platform Event field → JSON pointer into the source event
 * @param constants      Platform Event field → a fixed value
 * @param timestampField the field that gets the source's timestamp, if any
 * @param idHeader       the header the source event's id is in, if it is in a header
 * @param idPointer      the JSON pointer to the source event's id, if it is in the body
 * @param idField        the field the source event's id is written to, if any
 */
public record RouteMapping(
        Map<String, String> fields,
        Map<String, String> constants,
        Optional<String> timestampField,
        Optional<String> idHeader,
        Optional<String> idPointer,
        Optional<String> idField) {

    public RouteMapping {
        fields = Map.copyOf(fields);
        constants = Map.copyOf(constants);
        if (idHeader.isEmpty() == idPointer.isEmpty()) {
            throw new IllegalArgumentException("A route names where its source event's id is: a header or a pointer");
        }
        fields.values().forEach(RouteMapping::pointer);
        idPointer.ifPresent(RouteMapping::pointer);
    }

    /** A source event the route can publish, or why it cannot (it goes to the dead-letter topic). */
    public sealed interface Mapped {
        record Event(String sourceId, Map<String, Object> fields) implements Mapped {}

        record Unmappable(String reason) implements Mapped {}
    }

    public Mapped map(JsonNode body, Map<String, String> headers, Instant sourceTime) {
        String id = idHeader.map(headers::get)
                .or(() -> idPointer.map(p -> text(body.at(pointer(p)))))
                .orElse(null);
        if (id == null || id.isBlank()) {
            return new Mapped.Unmappable("the source event has no id at "
                    + idHeader.map(h -> "header " + h).orElseGet(() -> "pointer " + idPointer.orElseThrow()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            JsonNode value = body.at(pointer(field.getValue()));
            if (value.isMissingNode()) {
                continue; // absent in this event: the field stays unset
            }
            if (value.isContainerNode()) {
                return new Mapped.Unmappable("field " + field.getKey() + " would be an object or array (at "
                        + field.getValue() + "); a Platform Event field holds one value");
            }
            values.put(field.getKey(), scalar(value));
        }
        values.putAll(constants);
        timestampField.ifPresent(f -> values.put(f, sourceTime.toEpochMilli()));
        idField.ifPresent(f -> values.put(f, id));
        return new Mapped.Event(id, values);
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.asText();
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static JsonPointer pointer(String pointer) {
        try {
            return JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a JSON pointer: " + pointer, e);
        }
    }
}
