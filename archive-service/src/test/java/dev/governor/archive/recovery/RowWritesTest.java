package dev.governor.archive.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordWrite;
import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowWritesTest {

    private static final ObjectSchema CONTACT = new ObjectSchema(
            "Contact",
            List.of(
                    field("Id", "id", false, false, false, false),
                    field("LastName", "string", false, true, true, false),
                    field("External_Id__c", "string", true, true, true, true),
                    field("AccountId", "reference", true, true, true, false),
                    field("HasOptedOutOfEmail", "boolean", false, true, true, false),
                    field("NumberOfPets__c", "int", true, true, true, false),
                    field("Score__c", "double", true, true, true, false),
                    field("Age__c", "double", true, false, false, false),
                    field("Email", "email", true, true, true, false)));

    private static final List<String> HEADER = List.of(
            "Id",
            "SystemModstamp",
            "IsDeleted",
            "LastName",
            "external_id__c",
            "AccountId",
            "HasOptedOutOfEmail",
            "NumberOfPets__c",
            "Score__c",
            "Age__c",
            "Email",
            "Dropped__c");

    @Test
    void aRowBecomesAnUpsertByItsExternalIdWithValuesTypedAsTheOrgDescribesThem() {
        Map<String, String> newIds = new HashMap<>(Map.of("001OLD", "001NEW"));
        RowWrites writes =
                new RowWrites(CONTACT, CONTACT.field("External_Id__c").orElseThrow(), newIds);

        RowWrites.Result result = writes.of(RowWrites.row(
                HEADER,
                List.of(
                        "003OLD",
                        "2026-12-01T00:00:00.000Z",
                        "false",
                        "Lee, \"Jr\"",
                        "C-1",
                        "001OLD",
                        "true",
                        "3",
                        "12.50",
                        "41",
                        "",
                        "x")));

        assertThat(result).isInstanceOf(RowWrites.Write.class);
        RecordWrite write = ((RowWrites.Write) result).write();
        assertThat(result.oldId()).isEqualTo("003OLD");
        assertThat(write.sobject()).isEqualTo("Contact");
        assertThat(write.externalIdField()).isEqualTo("External_Id__c");
        assertThat(write.externalId()).isEqualTo("C-1");
        Map<String, Object> expected = new HashMap<>();
        expected.put("LastName", "Lee, \"Jr\"");
        expected.put("AccountId", "001NEW"); // the parent came back with a new Id
        expected.put("HasOptedOutOfEmail", true);
        expected.put("NumberOfPets__c", BigInteger.valueOf(3));
        expected.put("Score__c", new BigDecimal("12.50"));
        expected.put("Email", null); // empty in the snapshot: cleared, whatever the record holds now
        assertThat(write.fields())
                .as("system, read-only and vanished fields are left out")
                .isEqualTo(expected);
    }

    @Test
    void aReferenceToARecordNotRestoredKeepsItsIdAndAnEmptyValueOfAFieldThatMustHaveOneIsLeftOut() {
        RowWrites writes =
                new RowWrites(CONTACT, CONTACT.field("External_Id__c").orElseThrow(), Map.of());

        RecordWrite write = ((RowWrites.Write) writes.of(RowWrites.row(
                        List.of("Id", "External_Id__c", "AccountId", "LastName"),
                        List.of("003A", "C-2", "001STILL", ""))))
                .write();

        assertThat(write.fields()).containsExactly(Map.entry("AccountId", "001STILL"));
    }

    @Test
    void aRowWithoutAnExternalIdCannotBeUpsertedAndSaysSo() {
        RowWrites writes =
                new RowWrites(CONTACT, CONTACT.field("External_Id__c").orElseThrow(), Map.of());

        RowWrites.Result result =
                writes.of(RowWrites.row(List.of("Id", "LastName", "External_Id__c"), List.of("003B", "Lee", "")));

        assertThat(result).isInstanceOf(RowWrites.Skipped.class);
        assertThat(((RowWrites.Skipped) result).reason()).contains("External_Id__c");
        assertThat(result.oldId()).isEqualTo("003B");
    }

    @Test
    void aNumberTheOrgWouldNotTakeIsSentAsWrittenForTheOrgToRefuse() {
        RowWrites writes =
                new RowWrites(CONTACT, CONTACT.field("External_Id__c").orElseThrow(), Map.of());

        RecordWrite write = ((RowWrites.Write) writes.of(RowWrites.row(
                        List.of("External_Id__c", "NumberOfPets__c", "Score__c"), List.of("C-3", "2.5", "many"))))
                .write();

        assertThat(write.fields()).containsEntry("NumberOfPets__c", "2.5").containsEntry("Score__c", "many");
    }

    static FieldSchema field(
            String name, String type, boolean nillable, boolean createable, boolean updateable, boolean externalId) {
        return new FieldSchema(
                name,
                type,
                80,
                18,
                2,
                9,
                nillable,
                createable,
                updateable,
                false,
                externalId,
                externalId,
                false,
                List.of(),
                type.equals("reference") ? List.of("Account") : List.of());
    }
}
