package dev.governor.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvResultsTest {

    @Test
    void quotesEveryValueAndDoublesQuotes() {
        assertThat(CsvResults.render(
                        List.of("Id", "Name", "AnnualRevenue"),
                        List.of(Arrays.asList("001A", "Say \"hi\"", 12.5), Arrays.asList("001B", null, null)),
                        "COMMA",
                        "LF"))
                .isEqualTo("\"Id\",\"Name\",\"AnnualRevenue\"\n"
                        + "\"001A\",\"Say \"\"hi\"\"\",\"12.5\"\n"
                        + "\"001B\",\"\",\"\"\n");
    }

    @Test
    void usesTheJobsDelimiterAndLineEnding() {
        assertThat(CsvResults.render(List.of("A", "B"), List.of(List.of("x", "y")), "TAB", "CRLF"))
                .isEqualTo("\"A\"\t\"B\"\r\n\"x\"\t\"y\"\r\n");
    }

    @Test
    void locatorsAreOpaqueButComeBackAsTheirOffset() {
        String locator = BulkQueryResource.locatorOf(10_000);
        assertThat(locator).isEqualTo("MTAwMDA");
        assertThat(BulkQueryResource.offset(locator, 20_000)).isEqualTo(10_000);
        assertThat(BulkQueryResource.offset(null, 5)).isZero();
        assertThatThrownBy(() -> BulkQueryResource.offset("bm90LWEtbnVtYmVy", 5))
                .hasMessageContaining("locator");
        assertThatThrownBy(() -> BulkQueryResource.offset(BulkQueryResource.locatorOf(6), 5))
                .hasMessageContaining("locator");
    }
}
