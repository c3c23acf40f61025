package dev.governor.common.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.Objects;

/**
 * The data of a record envelope: one upsert of one Salesforce record, identified by an external id.
 *
 * @param sobject         the sObject API name, for example {@code Account} or {@code Order__c}
 * @param externalIdField the External ID field the upsert matches on
 * @param externalId      the value of that field; with the object it identifies the record
 * @param fields          the field values to write, without the external id field itself
 */
@RegisterForReflection
public record RecordWrite(String sobject, String externalIdField, String externalId, Map<String, Object> fields) {

    public RecordWrite {
        Objects.requireNonNull(sobject, "sobject");
        Objects.requireNonNull(externalIdField, "externalIdField");
        Objects.requireNonNull(externalId, "externalId");
        fields = fields == null ? Map.of() : fields;
    }

    /**
     * The Kafka record key. Every write to one Salesforce record carries the same key, so it lands on
     * the same partition and stays in order.
     */
    public String kafkaKey() {
        return sobject + ":" + externalId;
    }
}
