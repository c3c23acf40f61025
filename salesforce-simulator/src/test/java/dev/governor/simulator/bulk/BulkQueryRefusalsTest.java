package dev.governor.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulkQueryRefusalsTest {

    @Test
    void refusesWhatBulkCannotRun() {
        assertThat(BulkQueryRefusals.refusal("select count() from Account"))
                .hasValueSatisfying(r -> assertThat(r).contains("Aggregate"));
        assertThat(BulkQueryRefusals.refusal("SELECT Name FROM Account GROUP  BY Name"))
                .isPresent();
        assertThat(BulkQueryRefusals.refusal("SELECT Id FROM Account OFFSET 10"))
                .isPresent();
        assertThat(BulkQueryRefusals.refusal("SELECT Id, (SELECT Id FROM Contacts) FROM Account"))
                .isPresent();
        assertThat(BulkQueryRefusals.refusal("SELECT fields(standard) FROM Account"))
                .isPresent();
        assertThat(BulkQueryRefusals.refusal("SELECT MailingAddress FROM Contact"))
                .isPresent();
    }

    @Test
    void looksPastLiteralsAndSimilarNames() {
        assertThat(BulkQueryRefusals.refusal("SELECT Id FROM Account WHERE Name = 'GROUP BY (SELECT x)'"))
                .isEmpty();
        assertThat(BulkQueryRefusals.refusal("SELECT Id FROM Account WHERE Name = 'it\\'s MAX(1)'"))
                .isEmpty();
        assertThat(BulkQueryRefusals.refusal("SELECT Offset__c, Maximum__c, Address__c FROM Thing__c"))
                .isEmpty();
    }
}
