package dev.governor.simulator.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The Pub/Sub API's errors: a gRPC status with the {@code error-code} trailer real orgs send, and the
 * call's {@code rpcId} in the description, so a client's error handling meets what it meets in production.
 */
public enum PubSubError {
    AUTH("service.auth.error", Status.Code.UNAUTHENTICATED),
    AUTH_HEADERS_INVALID("service.auth.headers.invalid", Status.Code.UNAUTHENTICATED),
    AUTH_REFRESH_INVALID("service.auth.refresh.invalid", Status.Code.UNAUTHENTICATED),
    UNAVAILABLE("service.unavailable", Status.Code.UNAVAILABLE),
    TOPIC_NOT_FOUND("topic.not.found", Status.Code.NOT_FOUND),
    TOPIC_PERMISSION("topic.meta.permission", Status.Code.PERMISSION_DENIED),
    SCHEMA_INVALID("schema.validation.failed", Status.Code.INVALID_ARGUMENT),
    REPLAY_ID_CORRUPTED("subscription.fetch.replayid.corrupted", Status.Code.INVALID_ARGUMENT),
    REPLAY_ID_INVALID("subscription.fetch.replayid.validation.failed", Status.Code.INVALID_ARGUMENT),
    REQUESTED_EVENTS_INVALID("subscription.fetch.requested.events.invalid", Status.Code.INVALID_ARGUMENT),
    FETCH_TOPIC_MISMATCH("subscription.fetch.topic.mismatch", Status.Code.INVALID_ARGUMENT),
    SUBSCRIPTION_LIMIT("subscription.limit.exceeded", Status.Code.RESOURCE_EXHAUSTED),
    PUBLISH_EVENT_COUNT("publish.event.count.invalid", Status.Code.INVALID_ARGUMENT),
    PUBLISH_TOPIC_MISMATCH("publish.topic.mismatch", Status.Code.INVALID_ARGUMENT);

    public static final String PREFIX = "sfdc.platform.eventbus.grpc.";
    public static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    private final String code;
    private final Status.Code status;

    PubSubError(String code, Status.Code status) {
        this.code = PREFIX + code;
        this.status = status;
    }

    /** The {@code error-code} trailer's value. */
    public String code() {
        return code;
    }

    public Status.Code status() {
        return status;
    }

    public StatusRuntimeException exception(String message, String rpcId) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, code);
        return Status.fromCode(status)
                .withDescription(message + " rpcId: " + rpcId)
                .asRuntimeException(trailers);
    }
}
