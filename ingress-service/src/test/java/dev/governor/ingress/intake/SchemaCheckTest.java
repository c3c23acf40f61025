package dev.governor.ingress.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordWrite;
import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The door's check of a write against the org's description of the object, without the org. */
class SchemaCheckTest {

    static final ObjectSchema ACCOUNT = new ObjectSchema(
            "Account",
            List.of(
                    field("Id", "id", 18, 0, 0, 0, false, false, false, false, false, true, false),
                    field("Name", "string", 255, 0, 0, 0, false, true, true, false, false, false, false),
                    field("External_Id__c", "string", 255, 0, 0, 0, true, true, true, false, true, true, false),
                    field("Legacy_Id__c", "string", 40, 0, 0, 0, true, true, true, true, true, true, false),
                    field("Phone", "phone", 40, 0, 0, 0, true, true, true, false, false, false, false),
                    new FieldSchema(
                            "Rating",
                            "picklist",
                            255,
                            0,
                            0,
                            0,
                            true,
                            true,
                            true,
                            false,
                            false,
                            false,
                            true,
                            List.of("Hot", "Warm", "Cold"),
                            List.of()),
                    field("NumberOfEmployees", "int", 0, 0, 0, 8, true, true, true, false, false, false, false),
                    field("AnnualRevenue", "double", 0, 18, 0, 0, true, true, true, false, false, false, false),
                    field("IsActive__c", "boolean", 0, 0, 0, 0, false, true, true, false, false, false, false),
                    field("Founded__c", "date", 0, 0, 0, 0, true, true, true, false, false, false, false),
                    field("Score__c", "double", 0, 5, 2, 0, true, false, false, false, false, false, false)));

    private static FieldSchema field(
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
            boolean restricted) {
        return new FieldSchema(
                name,
                type,
                length,
                precision,
                scale,
                digits,
                nillable,
                createable,
                updateable,
                caseSensitive,
                externalId,
                idLookup,
                restricted,
                List.of(),
                List.of());
    }

    private static RecordRequestReader.Result check(String idField, String id, Map<String, Object> fields) {
        return SchemaCheck.check(ACCOUNT, new RecordWrite("account", idField, id, fields), "");
    }

    private static List<String> errors(Map<String, Object> fields) {
        return check("External_Id__c", "A-1", fields).errors().stream()
                .map(e -> e.pointer() + " " + e.message())
                .toList();
    }

    @Test
    void aValidWriteComesBackInTheOrgsSpelling() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("NAME", "Acme");
        fields.put("phone", null);
        fields.put("annualrevenue", new BigDecimal("1.5E6"));
        fields.put("isactive__C", true);
        RecordRequestReader.Result result = check("external_id__c", "A-1", fields);

        assertThat(result.errors()).isEmpty();
        assertThat(result.write().sobject()).isEqualTo("Account");
        assertThat(result.write().externalIdField()).isEqualTo("External_Id__c");
        assertThat(result.write().fields()).containsOnlyKeys("Name", "Phone", "AnnualRevenue", "IsActive__c");
        assertThat(result.write().externalIdCaseSensitive()).isFalse();
    }

    @Test
    void aCaseSensitiveExternalIdFieldKeepsTheIdsCaseInTheRecordsIdentity() {
        RecordRequestReader.Result upper = check("legacy_id__c", "AB-1", Map.of());
        RecordRequestReader.Result lower = check("Legacy_Id__c", "ab-1", Map.of());

        assertThat(upper.write().externalIdCaseSensitive()).isTrue();
        assertThat(upper.write().recordKey()).isNotEqualTo(lower.write().recordKey());
        assertThat(check("External_Id__c", "AB-1", Map.of()).write().recordKey())
                .isEqualTo(check("EXTERNAL_ID__C", "ab-1", Map.of()).write().recordKey());
    }

    @Test
    void fieldsTheObjectDoesNotHaveOrThatCannotBeWrittenAreRefused() {
        assertThat(errors(Map.of("Colour__c", "red")))
                .containsExactly("/fields/Colour__c the org's Account has no field named Colour__c");
        assertThat(errors(Map.of("Score__c", new BigDecimal("1"))))
                .containsExactly("/fields/Score__c is read-only in the org");
        assertThat(check("Name", "x", Map.of()).errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("Name is not an External ID field of Account"));
        assertThat(check("Nope__c", "x", Map.of()).errors()).hasSize(1);
    }

    @Test
    void valuesOfTheWrongTypeOrOutOfRangeAreRefused() {
        assertThat(errors(Map.of("AnnualRevenue", "not a number")))
                .containsExactly("/fields/AnnualRevenue must be a number");
        assertThat(errors(Map.of("AnnualRevenue", new BigDecimal("1E+999"))))
                .singleElement()
                .asString()
                .contains("digits before");
        assertThat(errors(Map.of("AnnualRevenue", new BigDecimal("12345678901234567890"))))
                .hasSize(1);
        assertThat(errors(Map.of("AnnualRevenue", new BigDecimal("123456789012345678.75"))))
                .isEmpty();
        assertThat(errors(Map.of("NumberOfEmployees", new BigInteger("12345678901234567890123"))))
                .singleElement()
                .asString()
                .contains("outside the range");
        assertThat(errors(Map.of("NumberOfEmployees", 123456789L)))
                .singleElement()
                .asString()
                .contains("more than 8 digits");
        assertThat(errors(Map.of("NumberOfEmployees", new BigDecimal("2.5"))))
                .containsExactly("/fields/NumberOfEmployees must be a whole number");
        assertThat(errors(Map.of("IsActive__c", "yes"))).containsExactly("/fields/IsActive__c must be true or false");
        assertThat(errors(Map.of("Founded__c", "2026-13-01"))).hasSize(1);
        assertThat(errors(Map.of("Founded__c", "2026-12-01"))).isEmpty();
    }

    @Test
    void textOverItsLengthAndValuesARestrictedPicklistLacksAreRefused() {
        assertThat(errors(Map.of("Phone", "5".repeat(41)))).containsExactly("/fields/Phone longer than 40 characters");
        assertThat(errors(Map.of("Rating", "Lukewarm")))
                .singleElement()
                .asString()
                .contains("restricted picklist");
        assertThat(errors(Map.of("Rating", "Warm"))).isEmpty();
        assertThat(check("External_Id__c", "x".repeat(256), Map.of()).errors()).hasSize(1);
    }

    @Test
    void aRequiredFieldCannotBeCleared() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Name", null);
        assertThat(errors(fields)).containsExactly("/fields/Name is required and cannot be cleared");
    }
}
