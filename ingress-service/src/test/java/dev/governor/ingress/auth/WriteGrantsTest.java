package dev.governor.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.intake.TestConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may write which object through which External ID field, without a token issuer. */
class WriteGrantsTest {

    private static final WriteGrants GRANTS = new WriteGrants(TestConfigs.ingress(Map.of(
            "governor.ingress.callers.\"crm-sync\".objects", "Account, contact",
            "governor.ingress.callers.\"erp-feed\".objects", "Account,User",
            "governor.ingress.callers.\"erp-feed\".external-id-fields", "External_Id__c")));

    private static RecordWrite write(String sobject, String externalIdField) {
        return new RecordWrite(sobject, externalIdField, "A-1", Map.of("Name", "x"));
    }

    @Test
    void grantedObjectsMatchInAnyLetterCase() {
        assertThat(GRANTS.refusal("crm-sync", List.of(write("ACCOUNT", "External_Id__c"), write("Contact", "Email"))))
                .isEmpty();
    }

    @Test
    void aCallerWithoutGrantsOrOutsideThemIsRefusedWithTheReason() {
        assertThat(GRANTS.refusal("stranger", List.of(write("Account", "External_Id__c"))))
                .contains("This caller may not write records: no objects are granted to it");
        assertThat(GRANTS.refusal("crm-sync", List.of(write("Account", "External_Id__c"), write("Case", "Id__c"))))
                .contains("This caller may not write Case");
    }

    @Test
    void setupObjectsAreWrittenOnlyWhereGrantedByName() {
        assertThat(GRANTS.refusal("crm-sync", List.of(write("PermissionSetAssignment", "Id"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is a Salesforce setup object"));
        assertThat(GRANTS.refusal("crm-sync", List.of(write("AccountShare", "Id"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is a Salesforce setup object"));
        assertThat(GRANTS.refusal("erp-feed", List.of(write("User", "External_Id__c"))))
                .isEmpty();
    }

    @Test
    void externalIdFieldsCanBeNarrowedPerCaller() {
        assertThat(GRANTS.refusal("erp-feed", List.of(write("Account", "external_id__c"))))
                .isEmpty();
        assertThat(GRANTS.refusal("erp-feed", List.of(write("Account", "Legacy_Id__c"))))
                .contains("This caller may not match records on Legacy_Id__c");
    }
}
