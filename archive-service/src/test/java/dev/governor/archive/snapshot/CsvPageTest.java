package dev.governor.archive.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvPageTest {

    private static final String PAGE = "\"Id\",\"Name\",\"SystemModstamp\",\"IsDeleted\"\n"
            + "\"001A\",\"Say \"\"hi\"\", twice\",\"2026-12-02T01:00:00.500Z\",\"false\"\n"
            + "\"001B\",\"two\nlines\",\"2026-12-02T01:00:02.000+0000\",\"true\"\n"
            + "\"001C\",\"\",\"2026-12-02T00:59:59.000Z\",\"false\"\n";

    @Test
    void aPageKnowsItsRowsItsLatestChangeAndItsDeletedRows() {
        CsvPage page = CsvPage.read(PAGE);

        assertThat(page.header()).containsExactly("Id", "Name", "SystemModstamp", "IsDeleted");
        assertThat(page.rows()).hasSize(3);
        assertThat(page.rows().get(0).get(1)).isEqualTo("Say \"hi\", twice");
        assertThat(page.rows().get(1).get(1)).isEqualTo("two\nlines");
        assertThat(page.highWaterMark()).isEqualTo(Instant.parse("2026-12-02T01:00:02Z"));
        assertThat(page.deleted()).isEqualTo(1);
    }

    @Test
    void rowsNotChangedAfterTheMarkAreLeftOut() {
        CsvPage changed = CsvPage.read(PAGE).changedAfter(Instant.parse("2026-12-02T01:00:00.500Z"));

        assertThat(changed.rows()).extracting(row -> row.get(0)).containsExactly("001B");
        assertThat(CsvPage.read(PAGE).changedAfter(null).rows()).hasSize(3);
        assertThat(CsvPage.read("").rows()).isEmpty();
        assertThat(CsvPage.read("\"Id\"\n").rows()).isEmpty();
    }

    @Property(tries = 500)
    void whatIsWrittenReadsBackTheSame(@ForAll("rows") List<List<String>> rows) {
        List<String> header = List.of("Id", "Name", "Description");

        CsvPage page = CsvPage.read(CsvPage.write(header, rows));

        assertThat(page.header()).isEqualTo(header);
        assertThat(page.rows()).isEqualTo(rows);
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("a,b", "\"quoted\"", "line\nbreak", "cr\r\nlf", " spaced "));
        return value.list().ofSize(3).list().ofMaxSize(10);
    }
}
