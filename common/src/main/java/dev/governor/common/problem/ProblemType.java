package dev.governor.common.problem;

import java.net.URI;

/**
 * The stable problem types every Governor HTTP API answers with (RFC 9457). Clients may switch on the
 * {@code type} URI; it never changes for a given kind of failure. The URIs are identifiers; the page at
 * each one is documented in {@code docs/problems.md}.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "The request body is not well-formed", 400),
    INVALID_REQUEST("invalid-request", "The request is not valid", 400),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", "An Idempotency-Key header is required", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    FORBIDDEN("forbidden", "The caller may not do this", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    IDEMPOTENCY_KEY_IN_FLIGHT(
            "idempotency-key-in-flight", "A request with this Idempotency-Key is still in progress", 409),
    BUSY("busy", "The same work is already under way", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    URI_TOO_LONG("uri-too-long", "The request URI is too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request content type is not supported", 415),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused", "The Idempotency-Key was already used for a different request", 422),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", 431),
    BAD_GATEWAY("bad-gateway", "Salesforce refused the request", 502),
    SERVICE_UNAVAILABLE("service-unavailable", "The service cannot take the request now", 503),
    INTERNAL_ERROR("internal-error", "The request could not be processed", 500);

    /** Base of every problem type URI. */
    public static final String BASE_URI = "https://governor.dev/problems/";

    private final URI type;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.type = URI.create(BASE_URI + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
