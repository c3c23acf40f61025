package dev.governor.simulator.org;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sObject of the simulated org. Field names are matched case-insensitively, as Salesforce does,
 * but reported with their declared spelling.
 */
public final class SObjectDefinition {

    private final String name;
    private final String keyPrefix;
    private final boolean platformEvent;
    private final Map<String, FieldDefinition> fieldsByLowerName = new LinkedHashMap<>();

    public SObjectDefinition(String name, String keyPrefix, boolean platformEvent, List<FieldDefinition> fields) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.platformEvent = platformEvent;
        for (FieldDefinition field : fields) {
            fieldsByLowerName.put(field.name().toLowerCase(Locale.ROOT), field);
        }
    }

    public String name() {
        return name;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public boolean isPlatformEvent() {
        return platformEvent;
    }

    public Optional<FieldDefinition> field(String fieldName) {
        return Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    public Collection<FieldDefinition> fields() {
        return fieldsByLowerName.values();
    }
}
