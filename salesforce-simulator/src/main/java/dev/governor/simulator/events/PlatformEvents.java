package dev.governor.simulator.events;

import dev.governor.simulator.SimulatorClock;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.AvroPayloads;
import dev.governor.simulator.schema.EventSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Platform Events published over REST (a "create" of an {@code __e} object): written in the event's
 * current Avro schema with its {@code CreatedDate} and {@code CreatedById}, onto the same bus as the
 * Pub/Sub API's publishes, so a subscriber sees both.
 */
@ApplicationScoped
public class PlatformEvents {

    private final EventBus bus;
    private final EventSchemas schemas;
    private final SimulatorClock clock;

    public PlatformEvents(EventBus bus, EventSchemas schemas, SimulatorClock clock) {
        this.bus = bus;
        this.schemas = schemas;
        this.clock = clock;
    }

    public BusEvent publish(SObjectDefinition event, Map<String, Object> fields, String clientId, String userId) {
        EventSchemas.Registered schema = schemas.platformEvent(event);
        Map<String, Object> values = new HashMap<>(fields);
        values.put("CreatedDate", clock.nowMillis());
        values.put("CreatedById", userId);
        byte[] payload = AvroPayloads.encode(schema.schema(), values);
        return bus.publish(
                List.of(Topics.platformEventTopic(event)),
                new EventBus.Draft(UUID.randomUUID().toString(), schema.id(), payload, clientId));
    }
}
