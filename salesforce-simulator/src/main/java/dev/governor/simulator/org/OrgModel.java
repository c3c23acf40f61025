package dev.governor.simulator.org;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The objects of the simulated org; sObject names are matched case-insensitively, as Salesforce does. */
public final class OrgModel {

    private final String name;
    private final Map<String, SObjectDefinition> objectsByLowerName = new LinkedHashMap<>();

    public OrgModel(String name, List<SObjectDefinition> objects) {
        this.name = name;
        for (SObjectDefinition object : objects) {
            objectsByLowerName.put(object.name().toLowerCase(Locale.ROOT), object);
        }
    }

    public String name() {
        return name;
    }

    public Optional<SObjectDefinition> object(String objectName) {
        return Optional.ofNullable(objectsByLowerName.get(objectName.toLowerCase(Locale.ROOT)));
    }

    public Collection<SObjectDefinition> objects() {
        return objectsByLowerName.values();
    }
}
