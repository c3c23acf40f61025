package dev.governor.salesforce.pubsub;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * What a Pub/Sub API error means for the caller, read from the {@code error-code} trailer Salesforce sends
 * (falling back on the gRPC status): a session to renew, a position out of retention, an allocation
 * spent, an outage to wait out.
 */
public enum PubSubFailure {
    /** The session is invalid or expired: renew it and subscribe again from the checkpoint. */
    AUTH,
    /** The replay id is outside the retention window: events after it are gone. */
    REPLAY_ID_OUT_OF_RETENTION,
    /** The replay id is not one this org issued (or CUSTOM came without one). */
    REPLAY_ID_INVALID,
    /** The org's event delivery allocation is spent. */
    ALLOCATION_SPENT,
    /** The topic does not exist or may not be read. */
    TOPIC,
    /** The service is down or closed the stream: back off and subscribe again. */
    UNAVAILABLE,
    /** Anything else: a bug on one side or the other. */
    OTHER;

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("error-code", Metadata.ASCII_STRING_MARSHALLER);

    public static PubSubFailure of(Throwable failure) {
        if (!(failure instanceof StatusRuntimeException e)) {
            return UNAVAILABLE;
        }
        String code = e.getTrailers() == null ? null : e.getTrailers().get(ERROR_CODE);
        if (code != null) {
            if (code.contains("auth")) {
                return AUTH;
            }
            if (code.endsWith("replayid.corrupted")) {
                return REPLAY_ID_OUT_OF_RETENTION;
            }
            if (code.endsWith("replayid.validation.failed")) {
                return REPLAY_ID_INVALID;
            }
            if (code.endsWith("subscription.limit.exceeded")) {
                return ALLOCATION_SPENT;
            }
            if (code.contains("topic")) {
                return TOPIC;
            }
            if (code.endsWith("service.unavailable")) {
                return UNAVAILABLE;
            }
        }
        return switch (e.getStatus().getCode()) {
            case UNAUTHENTICATED -> AUTH;
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED, INTERNAL -> UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> ALLOCATION_SPENT;
            case NOT_FOUND, PERMISSION_DENIED -> TOPIC;
            default -> OTHER;
        };
    }

    /** The error-code trailer, or the status, for logs and dead letters. */
    public static String describe(Throwable failure) {
        if (failure instanceof StatusRuntimeException e) {
            String code = e.getTrailers() == null ? null : e.getTrailers().get(ERROR_CODE);
            Status status = e.getStatus();
            return (code != null ? code : status.getCode().name()) + ": " + status.getDescription();
        }
        return String.valueOf(failure);
    }
}
