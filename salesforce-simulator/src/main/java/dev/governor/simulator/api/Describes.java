package dev.governor.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.simulator.data.SystemFields;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * describeGlobal and describe as Salesforce writes them, with every attribute client libraries read
 * (jsforce, simple-salesforce and the Java clients build forms, queries and type conversions from
 * them): object capabilities and URLs, each field's type and SOAP type, lengths, flags, picklist values,
 * references with their relationship names, and the object's child relationships. Every object also has
 * {@code Id} and the read-only system fields.
 */
@ApplicationScoped
public class Describes {

    private final OrgModel org;
    private final ObjectMapper json;

    public Describes(OrgModel org, ObjectMapper json) {
        this.org = org;
        this.json = json;
    }

    public ObjectNode global(String version) {
        ObjectNode body = json.createObjectNode().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode objects = body.putArray("sobjects");
        for (SObjectDefinition object : org.objects()) {
            objects.add(summary(object, version));
        }
        return body;
    }

    public ObjectNode object(SObjectDefinition object, String version) {
        ObjectNode body = summary(object, version);
        ArrayNode fields = body.putArray("fields");
        fields.add(idField());
        for (FieldDefinition field : object.fields()) {
            fields.add(field(field, object));
        }
        if (!object.isPlatformEvent()) {
            fields.add(systemField(SystemFields.IS_DELETED, "Deleted", "boolean", "xsd:boolean"));
            fields.add(systemField(SystemFields.CREATED_DATE, "Created Date", "datetime", "xsd:dateTime"));
            fields.add(systemField(SystemFields.LAST_MODIFIED_DATE, "Last Modified Date", "datetime", "xsd:dateTime"));
            fields.add(systemField(SystemFields.SYSTEM_MODSTAMP, "System Modstamp", "datetime", "xsd:dateTime"));
        }
        ArrayNode children = body.putArray("childRelationships");
        for (SObjectDefinition child : org.objects()) {
            for (FieldDefinition field : child.fields()) {
                if (field.type() == FieldType.REFERENCE && object.name().equalsIgnoreCase(field.referenceTo())) {
                    children.addObject()
                            .put("childSObject", child.name())
                            .put("field", field.name())
                            .put("relationshipName", childRelationshipName(child))
                            .put("cascadeDelete", false)
                            .put("deprecatedAndHidden", false)
                            .put("restrictedDelete", false);
                }
            }
        }
        body.putArray("recordTypeInfos");
        return body;
    }

    private ObjectNode summary(SObjectDefinition object, String version) {
        String base = "/services/data/v" + version + "/sobjects/" + object.name();
        boolean event = object.isPlatformEvent();
        boolean custom = object.name().endsWith("__c") || event;
        ObjectNode node = json.createObjectNode()
                .put("name", object.name())
                .put("label", label(object.name()))
                .put("labelPlural", label(object.name()) + "s")
                .put("keyPrefix", object.keyPrefix())
                .put("custom", custom)
                .put("customSetting", false)
                .put("activateable", false)
                .put("createable", true)
                .put("updateable", !event)
                .put("deletable", !event)
                .put("undeletable", !event)
                .put("mergeable", false)
                .put("queryable", !event)
                .put("retrieveable", !event)
                .put("searchable", !event)
                .put("layoutable", !event)
                .put("replicateable", !event)
                .put("triggerable", true)
                .put("feedEnabled", false)
                .put("mruEnabled", !event)
                .put("hasSubtypes", false)
                .put("isSubtype", false)
                .put("deprecatedAndHidden", false);
        node.putObject("urls")
                .put("sobject", base)
                .put("describe", base + "/describe")
                .put("rowTemplate", base + "/{ID}");
        return node;
    }

    private ObjectNode idField() {
        ObjectNode id = base("Id", "Record ID", "id", "tns:ID", 18);
        id.put("nillable", false)
                .put("createable", false)
                .put("updateable", false)
                .put("idLookup", true)
                .put("defaultedOnCreate", true)
                .put("filterable", true)
                .put("groupable", true)
                .put("sortable", true);
        return id;
    }

    private ObjectNode systemField(String name, String label, String type, String soapType) {
        ObjectNode field = base(name, label, type, soapType, 0);
        field.put("nillable", false)
                .put("createable", false)
                .put("updateable", false)
                .put("defaultedOnCreate", true)
                .put("filterable", true)
                .put("sortable", true)
                .put("groupable", "boolean".equals(type));
        return field;
    }

    private ObjectNode field(FieldDefinition field, SObjectDefinition object) {
        FieldType type = field.type();
        ObjectNode node = base(field.name(), label(field.name()), type.describeName(), soapType(type), field.length());
        node.put("precision", type == FieldType.DOUBLE ? field.precision() : 0)
                .put("scale", type == FieldType.DOUBLE ? field.scale() : 0)
                .put("digits", type == FieldType.INT ? field.precision() : 0)
                .put("nillable", !field.required() && type != FieldType.BOOLEAN)
                .put("createable", true)
                .put("updateable", !object.isPlatformEvent())
                .put("custom", field.name().endsWith("__c"))
                .put("caseSensitive", field.caseSensitive())
                .put("externalId", field.externalId())
                .put("idLookup", field.externalId() || "Name".equals(field.name()))
                .put("unique", field.unique())
                .put("nameField", "Name".equals(field.name()))
                .put("defaultedOnCreate", type == FieldType.BOOLEAN)
                .put("restrictedPicklist", field.restricted())
                .put("filterable", type != FieldType.TEXTAREA)
                .put("sortable", type != FieldType.TEXTAREA)
                .put("groupable", type != FieldType.TEXTAREA && type != FieldType.DOUBLE);
        if (type == FieldType.BOOLEAN) {
            node.put("defaultValue", false);
        }
        ArrayNode values = node.putArray("picklistValues");
        for (String value : field.values()) {
            values.addObject()
                    .put("value", value)
                    .put("label", value)
                    .put("active", true)
                    .put("defaultValue", false)
                    .putNull("validFor");
        }
        ArrayNode references = node.putArray("referenceTo");
        if (field.referenceTo() != null) {
            references.add(field.referenceTo());
            node.put("relationshipName", field.relationshipName());
        }
        return node;
    }

    /** What every field has, set to the common case; callers set what differs. */
    private ObjectNode base(String name, String label, String type, String soapType, int length) {
        ObjectNode node = json.createObjectNode()
                .put("name", name)
                .put("label", label)
                .put("type", type)
                .put("soapType", soapType)
                .put("length", length)
                .put("byteLength", length * 3)
                .put("precision", 0)
                .put("scale", 0)
                .put("digits", 0)
                .put("custom", false)
                .put("caseSensitive", false)
                .put("externalId", false)
                .put("idLookup", false)
                .put("unique", false)
                .put("nameField", false)
                .put("calculated", false)
                .put("autoNumber", false)
                .put("restrictedPicklist", false)
                .put("htmlFormatted", false)
                .put("aggregatable", true)
                .put("deprecatedAndHidden", false);
        node.putNull("defaultValue");
        node.putNull("relationshipName");
        node.putArray("picklistValues");
        node.putArray("referenceTo");
        return node;
    }

    private static String childRelationshipName(SObjectDefinition child) {
        String name = child.name();
        return name.endsWith("__c") ? name.substring(0, name.length() - 3) + "s__r" : name + "s";
    }

    private static String soapType(FieldType type) {
        return switch (type) {
            case INT -> "xsd:int";
            case DOUBLE -> "xsd:double";
            case BOOLEAN -> "xsd:boolean";
            case DATE -> "xsd:date";
            case DATETIME -> "xsd:dateTime";
            case REFERENCE, ID -> "tns:ID";
            default -> "xsd:string";
        };
    }

    /** A label from an API name: Order_Number__c → Order Number, NumberOfEmployees → Number Of Employees. */
    static String label(String apiName) {
        String stem = apiName.replaceAll("__[a-z]$", "").replace('_', ' ');
        return stem.replaceAll("(?<=[a-z])(?=[A-Z])", " ").trim();
    }
}
