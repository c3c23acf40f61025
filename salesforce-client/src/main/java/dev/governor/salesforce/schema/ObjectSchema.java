package dev.governor.salesforce.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An sObject as the org describes it. Field names are looked up without regard to case, as Salesforce
 * does, and answered with the org's spelling.
 */
@RegisterForReflection
public final class ObjectSchema {

    private final String name;
    private final List<FieldSchema> fields;
    private final Map<String, FieldSchema> byLowerName = new LinkedHashMap<>();

    /**
     * @param name   the object's API name as the org spells it
     * @param fields its fields
     */
    @JsonCreator
    public ObjectSchema(@JsonProperty("name") String name, @JsonProperty("fields") List<FieldSchema> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
        for (FieldSchema field : this.fields) {
            byLowerName.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field);
        }
    }

    /** Reads the answer of {@code GET /sobjects/{name}/describe}. */
    public static ObjectSchema fromDescribe(JsonNode describe) {
        List<FieldSchema> fields = new ArrayList<>();
        for (JsonNode field : describe.path("fields")) {
            fields.add(FieldSchema.fromDescribe(field));
        }
        return new ObjectSchema(describe.path("name").asText(), fields);
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("fields")
    public List<FieldSchema> fields() {
        return fields;
    }

    public Optional<FieldSchema> field(String fieldName) {
        return Optional.ofNullable(byLowerName.get(fieldName.toLowerCase(Locale.ROOT)));
    }
}
