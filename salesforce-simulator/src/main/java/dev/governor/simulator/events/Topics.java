package dev.governor.simulator.events;

import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.AvroSchemas;
import dev.governor.simulator.schema.EventSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The org's topics, from its model: {@code /event/<Event>__e} for every Platform Event,
 * {@code /data/ChangeEvents}, and {@code /data/<Object>ChangeEvent} ({@code /data/<Name>__ChangeEvent} for a
 * custom object) for every object with change tracking on. Names are matched without regard to case, as
 * the org's API names are, and answered in their canonical spelling.
 */
@ApplicationScoped
public class Topics {

    public static final String ALL_CHANGE_EVENTS = "/data/ChangeEvents";
    private static final String EVENT_PREFIX = "/event/";
    private static final String DATA_PREFIX = "/data/";
    private static final String CHANGE_EVENT_SUFFIX = "ChangeEvent";

    private final OrgModel org;
    private final EventSchemas schemas;

    public Topics(OrgModel org, EventSchemas schemas) {
        this.org = org;
        this.schemas = schemas;
    }

    public static String platformEventTopic(SObjectDefinition event) {
        return EVENT_PREFIX + event.name();
    }

    public static String changeEventTopic(SObjectDefinition object) {
        return DATA_PREFIX + AvroSchemas.changeEventName(object.name());
    }

    public Optional<Topic> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(EVENT_PREFIX)) {
            return org.object(name.substring(EVENT_PREFIX.length()))
                    .filter(SObjectDefinition::isPlatformEvent)
                    .map(event -> new Topic(platformEventTopic(event), Topic.Kind.PLATFORM_EVENT, event));
        }
        if (lower.equals(ALL_CHANGE_EVENTS.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Topic(ALL_CHANGE_EVENTS, Topic.Kind.ALL_CHANGE_EVENTS, null));
        }
        String changeSuffix = CHANGE_EVENT_SUFFIX.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DATA_PREFIX) && lower.endsWith(changeSuffix)) {
            String stem = name.substring(DATA_PREFIX.length(), name.length() - CHANGE_EVENT_SUFFIX.length());
            String objectName = stem.endsWith("__") ? stem + "c" : stem;
            return org.object(objectName)
                    .filter(SObjectDefinition::changeTracking)
                    .map(object -> new Topic(changeEventTopic(object), Topic.Kind.OBJECT_CHANGE_EVENTS, object));
        }
        return Optional.empty();
    }

    /** The topic as it is now (a schema change replaces the object's definition). */
    public Topic current(Topic topic) {
        return find(topic.name()).orElse(topic);
    }

    /**
     * The id of the schema events are published in now; empty for {@code /data/ChangeEvents}, whose events
     * each name theirs.
     */
    public String schemaId(Topic topic) {
        return switch (topic.kind()) {
            case PLATFORM_EVENT -> schemas.platformEvent(topic.object()).id();
            case OBJECT_CHANGE_EVENTS -> schemas.changeEvent(topic.object()).id();
            case ALL_CHANGE_EVENTS -> "";
        };
    }

    /** Every topic of the org. */
    public List<Topic> all() {
        List<Topic> topics = new ArrayList<>();
        for (SObjectDefinition object : org.objects()) {
            if (object.isPlatformEvent()) {
                topics.add(new Topic(platformEventTopic(object), Topic.Kind.PLATFORM_EVENT, object));
            }
        }
        topics.add(new Topic(ALL_CHANGE_EVENTS, Topic.Kind.ALL_CHANGE_EVENTS, null));
        for (SObjectDefinition object : org.objects()) {
            if (object.changeTracking()) {
                topics.add(new Topic(changeEventTopic(object), Topic.Kind.OBJECT_CHANGE_EVENTS, object));
            }
        }
        return topics;
    }
}
