package dev.governor.simulator.org;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The objects of the simulated org; sObject names are matched case-insensitively, as Salesforce does.
 * Definitions are immutable; a schema change (a field added through the admin API) replaces one.
 */
public final class OrgModel {

    private final String name;
    private final Map<String, SObjectDefinition> loaded = new LinkedHashMap<>();
    private volatile Map<String, SObjectDefinition> objectsByLowerName; // replaced on a change, never changed

    public OrgModel(String name, List<SObjectDefinition> objects) {
        this.name = name;
        for (SObjectDefinition object : objects) {
            loaded.put(object.name().toLowerCase(Locale.ROOT), object);
        }
        objectsByLowerName = loaded;
    }

    /** Back to the objects as loaded, without the fields added since. */
    public synchronized void reset() {
        objectsByLowerName = loaded;
    }

    public String name() {
        return name;
    }

    /** Adds a field to an object, as an admin deploying a new field would; answers the new definition. */
    public synchronized SObjectDefinition addField(String objectName, FieldDefinition field) {
        SObjectDefinition current =
                object(objectName).orElseThrow(() -> new IllegalArgumentException("No object " + objectName));
        SObjectDefinition changed = current.withField(field);
        Map<String, SObjectDefinition> objects = new LinkedHashMap<>(objectsByLowerName);
        objects.put(current.name().toLowerCase(Locale.ROOT), changed);
        objectsByLowerName = objects;
        return changed;
    }

    public Optional<SObjectDefinition> object(String objectName) {
        return Optional.ofNullable(objectsByLowerName.get(objectName.toLowerCase(Locale.ROOT)));
    }

    public Collection<SObjectDefinition> objects() {
        return objectsByLowerName.values();
    }
}
