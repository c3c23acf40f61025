package dev.governor.ingress.intake;

import dev.governor.common.problem.ProblemType;
import dev.governor.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** The checks every write request passes before its body is read: its key, its size, its media type. */
@ApplicationScoped
public class RequestLimits {

    private final IngressConfig config;

    public RequestLimits(IngressConfig config) {
        this.config = config;
    }

    /** An Idempotency-Key is present (400 otherwise), printable ASCII, not too long. */
    public void requireKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw Refusal.rejected(
                    "idempotency_key_missing",
                    ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "Send an Idempotency-Key header (a UUID) with every write");
        }
        boolean printable = idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        if (!printable || idempotencyKey.length() > config.idempotency().maxKeyLength()) {
            throw Refusal.rejected(
                    "idempotency_key_invalid",
                    ProblemType.INVALID_REQUEST,
                    "The Idempotency-Key must be 1 to " + config.idempotency().maxKeyLength()
                            + " printable ASCII characters");
        }
    }

    /** A body over the configured limit is 413 (a chunked body escapes the Content-Length check at the edge). */
    public void requireBodyWithinLimit(byte[] body) {
        if (body != null && body.length > config.records().maxBodyBytes()) {
            throw Refusal.rejected(
                    "body_too_large",
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "The body may be at most " + config.records().maxBodyBytes() + " bytes");
        }
    }

    /** The body is declared JSON ({@code application/json}, any parameters, or a wildcard that admits it). */
    public static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw Refusal.rejected(
                    "unsupported_media_type", ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
    }
}
