package dev.governor.ingress.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.config.IngressConfig.WebhookSource;
import dev.governor.ingress.idempotency.Hashing;
import dev.governor.ingress.intake.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a verified webhook payload into a record request by the source's JSON pointers — the same
 * {@code {"externalIdField", "externalId", "fields"}} shape the records API takes, so that it is read and
 * checked by the same rules.
 */
public final class WebhookMapping {

    private WebhookMapping() {}

    /**
     * The delivery's idempotency key. A GitHub-style signature covers the body only, so its delivery id
     * header could be anything: the key is the digest of the signed body, and a captured body sent again
     * under a new delivery id is the same delivery. Other schemes sign a timestamp too (replays are
     * bounded by their tolerance): the configured header, or the id inside the payload.
     */
    public static String deliveryId(WebhookSource source, String headerValue, JsonNode payload, byte[] body) {
        if (source.scheme() == IngressConfig.SignatureScheme.GITHUB) {
            return "sha256:" + Hashing.sha256Hex(body);
        }
        if (source.deliveryIdHeader().isPresent()) {
            return headerValue;
        }
        return source.deliveryIdPointer().map(p -> scalarText(payload.at(p))).orElse(null);
    }

    /** How long the delivery's answer is kept: a scheme without a signed timestamp keeps it for its replay window. */
    public static Duration keyTtl(WebhookSource source, IngressConfig config) {
        return source.scheme() == IngressConfig.SignatureScheme.GITHUB
                ? source.replayWindow()
                : config.idempotency().ttl();
    }

    /**
     * The record request, or the errors that prevent it. With an external-id pointer the payload must hold
     * the id there; without one the delivery id is the record's external id.
     */
    public static Result map(WebhookSource source, String deliveryId, JsonNode payload) {
        List<FieldError> errors = new ArrayList<>();
        String externalId;
        if (source.externalIdPointer().isPresent()) {
            String pointer = source.externalIdPointer().get();
            externalId = scalarText(payload.at(pointer));
            if (externalId == null) {
                errors.add(new FieldError(pointer, "the payload holds no external id here"));
            }
        } else {
            externalId = deliveryId;
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("externalIdField", source.externalIdField());
        record.put("externalId", externalId);
        ObjectNode fields = record.putObject("fields");
        source.fields().forEach((field, pointer) -> {
            JsonNode value = payload.at(pointer);
            if (value.isMissingNode()) {
                return;
            }
            if (!value.isValueNode()) {
                errors.add(new FieldError(pointer, "maps to " + field + " but is not a scalar"));
            } else {
                fields.set(field, value);
            }
        });
        return errors.isEmpty() ? new Result(record, List.of()) : new Result(null, errors);
    }

    /** A record request in the records API's shape, or why there is none. */
    public record Result(JsonNode record, List<FieldError> errors) {}

    private static String scalarText(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
