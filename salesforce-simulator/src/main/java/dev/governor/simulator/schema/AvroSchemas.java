package dev.governor.simulator.schema;

import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.SObjectDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The Avro schemas the Pub/Sub API carries events in, built from the org model as Salesforce builds
 * them: a Platform Event's schema is {@code CreatedDate}, {@code CreatedById} and then its own fields; a
 * change event's is the {@code ChangeEventHeader} at position 0, the object's fields, then the audit
 * fields. Object fields are optional (a union with null), because an update's unchanged fields are null.
 */
public final class AvroSchemas {

    public static final String NAMESPACE = "com.sforce.eventbus";

    /** Every change type of the brief, in its order. */
    public static final List<String> CHANGE_TYPES = List.of(
            "CREATE",
            "UPDATE",
            "DELETE",
            "UNDELETE",
            "GAP_CREATE",
            "GAP_UPDATE",
            "GAP_DELETE",
            "GAP_UNDELETE",
            "GAP_OVERFLOW");

    /** The audit fields a change event carries after the object's own fields. */
    public static final List<String> AUDIT_FIELDS =
            List.of("CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById");

    private AvroSchemas() {}

    /** The channel-schema name of an object's change events: AccountChangeEvent, Governor_Order__ChangeEvent. */
    public static String changeEventName(String objectName) {
        return objectName.endsWith("__c")
                ? objectName.substring(0, objectName.length() - 1) + "ChangeEvent"
                : objectName + "ChangeEvent";
    }

    public static Schema platformEvent(SObjectDefinition event) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("CreatedDate", timestamp(), "CreatedDate:DateTime"));
        fields.add(new Schema.Field("CreatedById", Schema.create(Schema.Type.STRING), "CreatedBy:EntityId"));
        for (FieldDefinition field : event.fields()) {
            fields.add(optional(
                    field.name(), valueSchema(field), "Data:" + field.type().describeName()));
        }
        return Schema.createRecord(event.name(), null, NAMESPACE, false, fields);
    }

    public static Schema changeEvent(SObjectDefinition object) {
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("ChangeEventHeader", changeEventHeader(), "Data:ComplexValueType"));
        for (FieldDefinition field : object.fields()) {
            fields.add(optional(
                    field.name(), valueSchema(field), "Data:" + field.type().describeName()));
        }
        fields.add(optional("CreatedDate", timestamp(), "CreatedDate:DateTime"));
        fields.add(optional("CreatedById", Schema.create(Schema.Type.STRING), "CreatedBy:EntityId"));
        fields.add(optional("LastModifiedDate", timestamp(), "LastModifiedDate:DateTime"));
        fields.add(optional("LastModifiedById", Schema.create(Schema.Type.STRING), "LastModifiedBy:EntityId"));
        return Schema.createRecord(changeEventName(object.name()), null, NAMESPACE, false, fields);
    }

    static Schema changeEventHeader() {
        Schema strings = Schema.createArray(Schema.create(Schema.Type.STRING));
        List<Schema.Field> fields = List.of(
                new Schema.Field("entityName", Schema.create(Schema.Type.STRING)),
                new Schema.Field("recordIds", strings),
                new Schema.Field("changeType", Schema.createEnum("ChangeType", null, NAMESPACE, CHANGE_TYPES)),
                new Schema.Field("changeOrigin", Schema.create(Schema.Type.STRING)),
                new Schema.Field("transactionKey", Schema.create(Schema.Type.STRING)),
                new Schema.Field("sequenceNumber", Schema.create(Schema.Type.INT)),
                new Schema.Field("commitTimestamp", Schema.create(Schema.Type.LONG)),
                new Schema.Field("commitNumber", Schema.create(Schema.Type.LONG)),
                new Schema.Field("commitUser", Schema.create(Schema.Type.STRING)),
                new Schema.Field("nulledFields", strings),
                new Schema.Field("diffFields", strings),
                new Schema.Field("changedFields", strings));
        return Schema.createRecord("ChangeEventHeader", null, NAMESPACE, false, fields);
    }

    /** The Avro type of a field's values (without the null branch). */
    static Schema valueSchema(FieldDefinition field) {
        return switch (field.type()) {
            case INT -> Schema.create(Schema.Type.INT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case DATETIME -> timestamp();
            default -> Schema.create(Schema.Type.STRING);
        };
    }

    private static Schema timestamp() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema.Field optional(String name, Schema type, String doc) {
        return new Schema.Field(
                name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc, JsonProperties.NULL_VALUE);
    }
}
