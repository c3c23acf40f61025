package dev.governor.archive.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.salesforce.schema.FieldSchema;
import dev.governor.salesforce.schema.ObjectSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectOrderTest {

    @Test
    void anObjectComesAfterTheObjectsItsReferencesPointAt() {
        Map<String, ObjectSchema> schemas = Map.of(
                "Contact", schema("Contact", "Account"),
                "Account", schema("Account", "Account"), // a parent account: a reference to itself
                "Order__c", schema("Order__c", "Contact", "Account"),
                "Case", schema("Case", "User")); // User is not restored

        assertThat(ObjectOrder.of(List.of("Order__c", "Case", "Contact", "Account"), schemas))
                .containsExactly("Account", "Contact", "Order__c", "Case");
    }

    @Test
    void aCycleKeepsTheOrderAsked() {
        Map<String, ObjectSchema> schemas = Map.of("A__c", schema("A__c", "B__c"), "B__c", schema("B__c", "A__c"));

        assertThat(ObjectOrder.of(List.of("A__c", "B__c"), schemas)).containsExactly("B__c", "A__c");
        assertThat(ObjectOrder.of(List.of("B__c", "A__c"), schemas)).containsExactly("A__c", "B__c");
    }

    private static ObjectSchema schema(String name, String... references) {
        List<FieldSchema> fields = new java.util.ArrayList<>();
        for (String target : references) {
            fields.add(new FieldSchema(
                    target + "Id",
                    "reference",
                    18,
                    0,
                    0,
                    0,
                    true,
                    true,
                    true,
                    false,
                    false,
                    false,
                    false,
                    List.of(),
                    List.of(target)));
        }
        return new ObjectSchema(name, fields);
    }
}
