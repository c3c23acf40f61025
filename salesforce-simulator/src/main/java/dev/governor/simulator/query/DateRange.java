package dev.governor.simulator.query;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The span of time a relative date literal stands for, in the org's time zone (UTC here), from its first
 * instant (inclusive) to its end (exclusive): {@code TODAY} is today, {@code LAST_N_DAYS:7} the seven
 * days before today and today, {@code NEXT_N_DAYS:7} the seven days after today, a week starts on Sunday.
 * A value compares as before, within or after it, which gives each operator its SOQL meaning
 * ({@code > TODAY} is after today's end, {@code <= TODAY} before it).
 */
record DateRange(Instant from, Instant to) {

    static DateRange of(SoqlQuery.RelativeDate literal, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        LocalDate month = today.withDayOfMonth(1);
        LocalDate year = today.withDayOfYear(1);
        int n = literal.n();
        return switch (literal.literal()) {
            case "TODAY" -> days(today, today.plusDays(1));
            case "YESTERDAY" -> days(today.minusDays(1), today);
            case "TOMORROW" -> days(today.plusDays(1), today.plusDays(2));
            case "LAST_N_DAYS" -> days(today.minusDays(n), today.plusDays(1));
            case "NEXT_N_DAYS" -> days(today.plusDays(1), today.plusDays(1 + n));
            case "THIS_WEEK" -> days(week, week.plusWeeks(1));
            case "LAST_WEEK" -> days(week.minusWeeks(1), week);
            case "NEXT_WEEK" -> days(week.plusWeeks(1), week.plusWeeks(2));
            case "THIS_MONTH" -> days(month, month.plusMonths(1));
            case "LAST_MONTH" -> days(month.minusMonths(1), month);
            case "NEXT_MONTH" -> days(month.plusMonths(1), month.plusMonths(2));
            case "THIS_YEAR" -> days(year, year.plusYears(1));
            case "LAST_YEAR" -> days(year.minusYears(1), year);
            case "NEXT_YEAR" -> days(year.plusYears(1), year.plusYears(2));
            default -> throw new IllegalArgumentException("Not a date literal: " + literal.literal());
        };
    }

    /** Negative before the range, 0 within it, positive at or after its end. */
    int compare(Instant value) {
        return value.isBefore(from) ? -1 : value.isBefore(to) ? 0 : 1;
    }

    private static DateRange days(LocalDate first, LocalDate end) {
        return new DateRange(
                first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
