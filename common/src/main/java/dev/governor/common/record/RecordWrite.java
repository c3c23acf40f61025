package dev.governor.common.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The data of a record envelope: one write of one Salesforce record, identified by an external id. A
 * write sets the fields it names (a null value clears the field) and leaves the others as they are, as
 * a Salesforce upsert does; the record's state is the fold of its writes in acceptance order.
 *
 * @param sobject                 the sObject API name as the org spells it, for example {@code Account}
 * @param externalIdField         the External ID field the upsert matches on, as the org spells it
 * @param externalId              the value of that field; with the object it identifies the record
 * @param fields                  the field values to write, without the external id field itself
 * @param externalIdCaseSensitive whether the org compares values of the External ID field with regard to
 *                                letter case (its describe's {@code caseSensitive}); by default it does not
 */
@RegisterForReflection
public record RecordWrite(
        String sobject,
        String externalIdField,
        String externalId,
        Map<String, Object> fields,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean externalIdCaseSensitive) {

    public RecordWrite {
        Objects.requireNonNull(sobject, "sobject");
        Objects.requireNonNull(externalIdField, "externalIdField");
        Objects.requireNonNull(externalId, "externalId");
        fields = fields == null ? Map.of() : fields;
    }

    /** A write whose External ID field compares without regard to case, as most do. */
    public RecordWrite(String sobject, String externalIdField, String externalId, Map<String, Object> fields) {
        this(sobject, externalIdField, externalId, fields, false);
    }

    /**
     * The record's identity as the org sees it, and the Kafka record key: object and field API names
     * without regard to case (Salesforce treats them so), the external id as the field compares it. Every
     * write to one Salesforce record carries the same key, so it lands on the same partition and stays in
     * order, however the caller spelled the names or the id.
     */
    public String recordKey() {
        String id = externalIdCaseSensitive ? externalId : externalId.toLowerCase(Locale.ROOT);
        return sobject.toLowerCase(Locale.ROOT) + ":" + externalIdField.toLowerCase(Locale.ROOT) + ":" + id;
    }
}
