package dev.governor.simulator.org;

import java.util.List;

/**
 * One field of a simulated sObject, as the org model file describes it.
 *
 * @param name        the API name
 * @param type        the field type
 * @param length      the maximum length of text values (0: no limit)
 * @param required    whether a create must set it (REQUIRED_FIELD_MISSING otherwise)
 * @param externalId  whether upserts may match on it
 * @param unique      whether two records may not share a value (DUPLICATE_VALUE otherwise)
 * @param values      picklist values
 * @param restricted  whether a picklist refuses values outside {@code values}
 * @param referenceTo   the object a reference field points at
 * @param caseSensitive whether values are compared with regard to letter case (external ids and unique
 *                      fields are not, by default)
 * @param precision     for numbers: the digits in all (int: the digits allowed)
 * @param scale         for numbers: the digits after the decimal point
 */
public record FieldDefinition(
        String name,
        FieldType type,
        int length,
        boolean required,
        boolean externalId,
        boolean unique,
        List<String> values,
        boolean restricted,
        String referenceTo,
        boolean caseSensitive,
        int precision,
        int scale) {

    public FieldDefinition {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /**
     * The name a reference field's parent is reached by in queries and describe: AccountId → Account,
     * Account__c → Account__r.
     */
    public String relationshipName() {
        if (name.endsWith("__c")) {
            return name.substring(0, name.length() - 1) + "r";
        }
        return name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
    }

    /** The largest number of digits before the decimal point a number of this field may have. */
    public int integerDigits() {
        return precision - scale;
    }
}
