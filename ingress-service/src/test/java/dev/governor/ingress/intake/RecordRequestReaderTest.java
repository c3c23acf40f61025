package dev.governor.ingress.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request reader's rules on single cases, without the ingress around it. */
class RecordRequestReaderTest {

    private static final RecordRequestReader READER = new RecordRequestReader(TestConfigs.ingress());

    private static RecordRequestReader.Result read(String json) {
        return READER.read("Account", READER.parse(json.getBytes(StandardCharsets.UTF_8)), "", "key");
    }

    @Test
    void aFieldNamedAttributesWouldReplaceTheRecordsTypeAndIsRefused() {
        RecordRequestReader.Result result = read("{\"externalIdField\": \"External_Id__c\", \"externalId\": \"A-1\","
                + " \"fields\": {\"Attributes\": \"x\"}}");

        assertThat(result.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.pointer()).isEqualTo("/fields/Attributes"));
    }

    @Test
    void decimalsAreReadExactly() {
        RecordRequestReader.Result result = read("{\"externalIdField\": \"External_Id__c\", \"externalId\": \"A-1\","
                + " \"fields\": {\"AnnualRevenue\": 0.1, \"NumberOfEmployees\": 12345678901234567890123}}");

        assertThat(result.write().fields().get("AnnualRevenue")).isEqualTo(new BigDecimal("0.1"));
        assertThat(result.write().fields().get("NumberOfEmployees")).hasToString("12345678901234567890123");
    }

    @Test
    void aNumberNoFieldCanHoldIsRefusedWithItsPointer() {
        RecordRequestReader.Result result = read("{\"externalIdField\": \"External_Id__c\", \"externalId\": \"A-1\","
                + " \"fields\": {\"AnnualRevenue\": -1e999}}");

        assertThat(result.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.pointer()).isEqualTo("/fields/AnnualRevenue"));
    }
}
