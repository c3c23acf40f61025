package dev.governor.eventbridge.outbound;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One external event on its way to Salesforce, as a source handed it over: the route it came in on, its
 * body and headers, when the source says it happened, and where it came from (for dead letters and logs).
 * The source acknowledges it — commits the Kafka offset, sends the MQTT PUBACK — only once {@link #settled}
 * completes: published with a replay id, found to be published already, or dead-lettered.
 */
public record OutboundEvent(
        String route,
        byte[] body,
        Map<String, String> headers,
        Instant sourceTime,
        String origin,
        CompletableFuture<Outcome> settled) {

    public OutboundEvent(String route, byte[] body, Map<String, String> headers, Instant sourceTime, String origin) {
        this(route, body, Map.copyOf(headers), sourceTime, origin, new CompletableFuture<>());
    }

    /** How an event ended: each one ends in exactly one of these. */
    public sealed interface Outcome {
        record Published(byte[] replayId) implements Outcome {}

        /** Its source id was published before (a redelivery, or a copy from another replica). */
        record Duplicate() implements Outcome {}

        /** On the dead-letter topic, with the reason. */
        record Dead(String reason) implements Outcome {}
    }
}
