package dev.governor.salesforce.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * One field of an sObject as the org's describe reports it: what Governor needs to refuse a bad value
 * at the door and to compare external ids the way the org does.
 *
 * @param name               the API name, as the org spells it
 * @param type               the describe type ({@code string}, {@code int}, {@code double}, {@code boolean}, …)
 * @param length             the most characters a text value may have (0: not text)
 * @param precision          for {@code double}, {@code currency}, {@code percent}: digits in all
 * @param scale              for those: digits after the decimal point
 * @param digits             for {@code int}: the digits allowed
 * @param nillable           whether the field may be cleared (set to null)
 * @param createable         whether a create may set it
 * @param updateable         whether an update may set it
 * @param caseSensitive      whether values are compared with regard to letter case
 * @param externalId         whether it is an External ID field
 * @param idLookup           whether upserts may match on it (External ID fields, and Id)
 * @param restrictedPicklist whether only {@code picklistValues} are allowed
 * @param picklistValues     the active picklist values
 * @param referenceTo        for a {@code reference} field: the objects it may point at
 */
@RegisterForReflection
public record FieldSchema(
        String name,
        String type,
        int length,
        int precision,
        int scale,
        int digits,
        boolean nillable,
        boolean createable,
        boolean updateable,
        boolean caseSensitive,
        boolean externalId,
        boolean idLookup,
        boolean restrictedPicklist,
        List<String> picklistValues,
        List<String> referenceTo) {

    public FieldSchema {
        picklistValues = picklistValues == null ? List.of() : List.copyOf(picklistValues);
        referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
    }

    /** Reads one entry of a describe's {@code fields} array. */
    public static FieldSchema fromDescribe(JsonNode field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : field.path("picklistValues")) {
            if (value.path("active").asBoolean(true)) {
                values.add(value.path("value").asText());
            }
        }
        List<String> references = new ArrayList<>();
        for (JsonNode reference : field.path("referenceTo")) {
            references.add(reference.asText());
        }
        return new FieldSchema(
                field.path("name").asText(),
                field.path("type").asText("string"),
                field.path("length").asInt(0),
                field.path("precision").asInt(0),
                field.path("scale").asInt(0),
                field.path("digits").asInt(0),
                field.path("nillable").asBoolean(true),
                field.path("createable").asBoolean(true),
                field.path("updateable").asBoolean(true),
                field.path("caseSensitive").asBoolean(false),
                field.path("externalId").asBoolean(false),
                field.path("idLookup").asBoolean(false),
                field.path("restrictedPicklist").asBoolean(false),
                values,
                references);
    }

    /** Whether a write may set the field at all (a formula or system field may not). */
    public boolean writable() {
        return createable || updateable;
    }
}
