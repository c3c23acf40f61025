package dev.governor.simulator.events;

import java.time.Instant;

/**
 * An event as the event bus keeps it: a Platform Event, or a change event.
 *
 * @param replayId    its position: increasing, not contiguous, never reused
 * @param eventUuid   its identity ({@code EventUuid}; the Pub/Sub API's event id and publish correlation key)
 * @param topic       the channel it was published on, e.g. {@code /event/Order_Event__e} or
 *                    {@code /data/AccountChangeEvent} (change events are also on {@code /data/ChangeEvents})
 * @param schemaId    the id of the Avro schema its payload is written in
 * @param payload     Avro binary
 * @param publishedAt when it was published (simulator clock)
 * @param clientId    the connected app that published it, or whose write it describes
 */
public record BusEvent(
        long replayId,
        String eventUuid,
        String topic,
        String schemaId,
        byte[] payload,
        Instant publishedAt,
        String clientId) {}
