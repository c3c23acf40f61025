package dev.governor.simulator.events;

import java.time.Instant;
import java.util.Map;

/**
 * A published Platform Event as the event bus keeps it.
 *
 * @param replayId    its position: increasing, not contiguous, never reused
 * @param eventUuid   its identity (the {@code EventUuid} field); publish results return it
 * @param topic       the channel, e.g. {@code /event/Order_Event__e}
 * @param payload     the event's field values
 * @param publishedAt when it was published (simulator clock)
 * @param clientId    the connected app that published it
 */
public record BusEvent(
        long replayId,
        String eventUuid,
        String topic,
        Map<String, Object> payload,
        Instant publishedAt,
        String clientId) {}
