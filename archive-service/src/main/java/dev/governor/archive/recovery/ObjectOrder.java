package dev.governor.archive.recovery;

import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The order objects are restored in: an object after the objects its reference fields point at, so that a
 * reference to a record that came back with a new Id can be pointed at that Id. Otherwise (and within a
 * cycle) the order they were asked in. Pure.
 */
final class ObjectOrder {

    private ObjectOrder() {}

    static List<String> of(List<String> objects, Map<String, ObjectSchema> schemas) {
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String object : objects) {
            place(object, objects, schemas, placed, visiting);
        }
        return new ArrayList<>(placed);
    }

    private static void place(
            String object,
            List<String> objects,
            Map<String, ObjectSchema> schemas,
            Set<String> placed,
            Set<String> visiting) {
        if (placed.contains(object) || !visiting.add(object)) {
            return;
        }
        ObjectSchema schema = schemas.get(object);
        if (schema != null) {
            for (FieldSchema field : schema.fields()) {
                for (String target : field.referenceTo()) {
                    objects.stream()
                            .filter(o -> !o.equals(object))
                            .filter(o -> o.toLowerCase(Locale.ROOT).equals(target.toLowerCase(Locale.ROOT)))
                            .findFirst()
                            .ifPresent(parent -> place(parent, objects, schemas, placed, visiting));
                }
            }
        }
        visiting.remove(object);
        placed.add(object);
    }
}
