package dev.governor.ingress.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.intake.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a verified webhook payload into a record write, by the source's JSON pointers. */
public final class WebhookMapping {

    private WebhookMapping() {
    }

    /** The delivery id: from the configured header, or from the payload. */
    public static String deliveryId(WebhookSource source, String headerValue, JsonNode payload) {
        if (source.deliveryIdHeader().isPresent()) {
            return headerValue;
        }
        return source.deliveryIdPointer().map(p -> scalarText(payload.at(p))).orElse(null);
    }

    /** The write, or the errors that prevent it. */
    public static Result map(WebhookSource source, String deliveryId, JsonNode payload) {
        List<FieldError> errors = new ArrayList<>();
        String externalId = source.externalIdPointer().map(p -> scalarText(payload.at(p))).orElse(deliveryId);
        if (externalId == null || externalId.isBlank() || externalId.length() > 255) {
            errors.add(new FieldError(source.externalIdPointer().orElse("(delivery id)"), "no usable external id in the payload"));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        source.fields().forEach((field, pointer) -> {
            JsonNode value = payload.at(pointer);
            if (value.isMissingNode()) {
                return;
            }
            if (!value.isValueNode()) {
                errors.add(new FieldError(pointer, "maps to " + field + " but is not a scalar"));
            } else {
                fields.put(field, value.isNull() ? null : value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue() : value.asText());
            }
        });
        return errors.isEmpty() ? new Result(new RecordWrite(source.sobject(), source.externalIdField(), externalId, fields), List.of())
                : new Result(null, errors);
    }

    public record Result(RecordWrite write, List<FieldError> errors) {
    }

    private static String scalarText(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
