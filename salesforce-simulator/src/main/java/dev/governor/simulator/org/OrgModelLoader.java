package dev.governor.simulator.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the org model: the file named by {@code simulator.org.model-file}, or the default model on the
 * class path ({@code org-model.json}: Account, Contact, Case, a custom object and a Platform Event).
 */
public final class OrgModelLoader {

    private static final String DEFAULT_MODEL = "/org-model.json";

    private OrgModelLoader() {}

    public static OrgModel load(ObjectMapper json, Optional<Path> file) {
        try {
            if (file.isPresent()) {
                try (InputStream in = Files.newInputStream(file.get())) {
                    return parse(json.readTree(in));
                }
            }
            try (InputStream in = OrgModelLoader.class.getResourceAsStream(DEFAULT_MODEL)) {
                return parse(json.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the org model", e);
        }
    }

    static OrgModel parse(JsonNode root) {
        List<SObjectDefinition> objects = new ArrayList<>();
        for (JsonNode object : root.path("objects")) {
            String name = object.path("name").asText();
            String prefix = object.path("keyPrefix").asText();
            if (name.isEmpty() || prefix.length() != 3) {
                throw new IllegalArgumentException("Every object needs a name and a 3-character keyPrefix: " + object);
            }
            List<FieldDefinition> fields = new ArrayList<>();
            for (JsonNode field : object.path("fields")) {
                fields.add(field(field));
            }
            objects.add(new SObjectDefinition(
                    name,
                    prefix,
                    object.path("platformEvent").asBoolean(false),
                    object.path("changeTracking").asBoolean(false),
                    fields));
        }
        return new OrgModel(root.path("name").asText("Simulated Org"), objects);
    }

    /** One field as the model file describes it: {@code {"name": "Phone", "type": "phone", "length": 40}}. */
    public static FieldDefinition field(JsonNode field) {
        String name = field.path("name").asText("");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A field needs an API name: " + field);
        }
        List<String> values = new ArrayList<>();
        field.path("values").forEach(v -> values.add(v.asText()));
        FieldType type = FieldType.valueOf(field.path("type").asText("string").toUpperCase(Locale.ROOT));
        return new FieldDefinition(
                name,
                type,
                field.path("length").asInt(0),
                field.path("required").asBoolean(false),
                field.path("externalId").asBoolean(false),
                field.path("unique").asBoolean(false),
                values,
                field.path("restricted").asBoolean(false),
                field.path("referenceTo").asText(null),
                field.path("caseSensitive").asBoolean(false),
                field.path("precision").asInt(type.defaultPrecision()),
                field.path("scale").asInt(type.defaultScale()));
    }
}
