package dev.governor.simulator.events;

import dev.governor.simulator.org.SObjectDefinition;

/**
 * A Pub/Sub API topic of the org.
 *
 * @param name   its canonical name, e.g. {@code /event/Order_Event__e}, {@code /data/AccountChangeEvent}
 * @param kind   what is published on it
 * @param object the Platform Event or the change-tracked object; null for {@code /data/ChangeEvents}
 */
public record Topic(String name, Kind kind, SObjectDefinition object) {

    public enum Kind {
        PLATFORM_EVENT,
        /** {@code /data/ChangeEvents}: the change events of every tracked object. */
        ALL_CHANGE_EVENTS,
        /** {@code /data/<Object>ChangeEvent}. */
        OBJECT_CHANGE_EVENTS
    }

    /** Only Platform Events can be published by clients; change events come from the org's writes. */
    public boolean canPublish() {
        return kind == Kind.PLATFORM_EVENT;
    }
}
