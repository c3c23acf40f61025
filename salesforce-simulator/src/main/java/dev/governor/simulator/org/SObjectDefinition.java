package dev.governor.simulator.org;

import java.util.ArrayList;
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
    private final boolean changeTracking;
    private final Map<String, FieldDefinition> fieldsByLowerName = new LinkedHashMap<>();

    public SObjectDefinition(
            String name,
            String keyPrefix,
            boolean platformEvent,
            boolean changeTracking,
            List<FieldDefinition> fields) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.platformEvent = platformEvent;
        this.changeTracking = changeTracking && !platformEvent;
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

    /** Whether Change Data Capture is on for the object: its writes emit change events. */
    public boolean changeTracking() {
        return changeTracking;
    }

    /** The same object with one more field (the admin API's schema change); this definition is unchanged. */
    public SObjectDefinition withField(FieldDefinition field) {
        if (field(field.name()).isPresent()) {
            throw new IllegalArgumentException(name + " already has a field " + field.name());
        }
        List<FieldDefinition> fields = new ArrayList<>(fields());
        fields.add(field);
        return new SObjectDefinition(name, keyPrefix, platformEvent, changeTracking, fields);
    }

    public Optional<FieldDefinition> field(String fieldName) {
        return Optional.ofNullable(fieldsByLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }

    public Collection<FieldDefinition> fields() {
        return fieldsByLowerName.values();
    }
}
