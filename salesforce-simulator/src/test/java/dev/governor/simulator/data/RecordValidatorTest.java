package dev.governor.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.OrgModelLoader;
import dev.governor.simulator.org.SObjectDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the org refuses in a record, as Salesforce words it, checked against the bundled org model alone. */
class RecordValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OrgModel ORG = OrgModelLoader.load(JSON, Optional.empty());
    private static final SObjectDefinition ACCOUNT = ORG.object("Account").orElseThrow();
    private static final SObjectDefinition CONTACT = ORG.object("Contact").orElseThrow();
    private static final RecordValidator.References NONE = (id, referenceTo) -> false;

    private static Map<String, Object> read(SObjectDefinition object, String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return RecordValidator.read(object, node, Set.of());
    }

    private static Optional<String> problem(SObjectDefinition object, String json, boolean creating) throws Exception {
        return RecordValidator.check(object, read(object, json), creating, NONE).map(ApiError::code);
    }

    @Test
    void fieldNamesAreMatchedInAnyCaseAndKeptInTheOrgsSpelling() throws Exception {
        assertThat(read(ACCOUNT, "{\"attributes\": {\"type\": \"Account\"}, \"name\": \"Acme\", \"PHONE\": \"1\"}"))
                .containsOnlyKeys("Name", "Phone");
    }

    @Test
    void anUnknownFieldIsInvalidFieldAndANonObjectCannotBeRead() {
        assertThatThrownBy(() -> read(ACCOUNT, "{\"Nope__c\": 1}"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> read(ACCOUNT, "[1]"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("JSON_PARSER_ERROR"));
    }

    @Test
    void requiredFieldsApplyWhenCreatingAndToANullOnUpdate() throws Exception {
        assertThat(problem(ACCOUNT, "{\"Phone\": \"1\"}", true)).contains("REQUIRED_FIELD_MISSING");
        assertThat(problem(ACCOUNT, "{\"Phone\": \"1\"}", false)).isEmpty();
        assertThat(problem(ACCOUNT, "{\"Name\": null}", false)).contains("REQUIRED_FIELD_MISSING");
    }

    @Test
    void valuesOutsideTheirFieldAreRefusedEachWithItsCode() throws Exception {
        assertThat(problem(ACCOUNT, "{\"Name\": \"" + "x".repeat(256) + "\"}", true))
                .contains("STRING_TOO_LONG");
        assertThat(problem(ACCOUNT, "{\"Name\": \"Acme\", \"Rating\": \"Lukewarm\"}", true))
                .contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(problem(ACCOUNT, "{\"Name\": \"Acme\", \"NumberOfEmployees\": 123456789}", true))
                .contains("NUMBER_OUTSIDE_VALID_RANGE");
        assertThat(problem(CONTACT, "{\"LastName\": \"Lee\", \"Email\": \"not-an-address\"}", true))
                .contains("INVALID_EMAIL_ADDRESS");
        assertThat(problem(ACCOUNT, "{\"Name\": \"Acme\", \"Rating\": \"Hot\", \"NumberOfEmployees\": 12}", true))
                .isEmpty();
    }

    @Test
    void aReferenceMustBeAWellFormedIdOfARecordThatExists() throws Exception {
        assertThat(problem(CONTACT, "{\"LastName\": \"Lee\", \"AccountId\": \"nope\"}", true))
                .contains("MALFORMED_ID");
        assertThat(problem(CONTACT, "{\"LastName\": \"Lee\", \"AccountId\": \"001000000000001AAA\"}", true))
                .contains("INVALID_CROSS_REFERENCE_KEY");
        Map<String, Object> values = read(CONTACT, "{\"LastName\": \"Lee\", \"AccountId\": \"001000000000001AAA\"}");
        assertThat(RecordValidator.check(CONTACT, values, true, (id, referenceTo) -> "Account".equals(referenceTo)))
                .isEmpty();
    }
}
