package dev.governor.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    static final Instant NOW = Instant.parse("2026-12-02T15:30:00Z"); // a Wednesday

    @Test
    void daysAreWholeUtcDays() {
        assertThat(range("TODAY", 0)).isEqualTo(span("2026-12-02", "2026-12-03"));
        assertThat(range("YESTERDAY", 0)).isEqualTo(span("2026-12-01", "2026-12-02"));
        assertThat(range("TOMORROW", 0)).isEqualTo(span("2026-12-03", "2026-12-04"));
        assertThat(range("LAST_N_DAYS", 7)).isEqualTo(span("2026-11-25", "2026-12-03"));
        assertThat(range("NEXT_N_DAYS", 2)).isEqualTo(span("2026-12-03", "2026-12-05"));
    }

    @Test
    void weeksStartOnSundayAndMonthsAndYearsOnTheFirst() {
        assertThat(range("THIS_WEEK", 0)).isEqualTo(span("2026-11-29", "2026-12-06"));
        assertThat(range("LAST_MONTH", 0)).isEqualTo(span("2026-11-01", "2026-12-01"));
        assertThat(range("NEXT_YEAR", 0)).isEqualTo(span("2027-01-01", "2028-01-01"));
    }

    @Test
    void aValueIsBeforeWithinOrAfter() {
        DateRange today = range("TODAY", 0);
        assertThat(today.compare(Instant.parse("2026-12-01T23:59:59Z"))).isNegative();
        assertThat(today.compare(Instant.parse("2026-12-02T00:00:00Z"))).isZero();
        assertThat(today.compare(Instant.parse("2026-12-03T00:00:00Z"))).isPositive();
    }

    private static DateRange range(String literal, int n) {
        return DateRange.of(new SoqlQuery.RelativeDate(literal, n), NOW);
    }

    private static DateRange span(String from, String to) {
        return new DateRange(Instant.parse(from + "T00:00:00Z"), Instant.parse(to + "T00:00:00Z"));
    }
}
