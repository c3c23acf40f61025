package dev.governor.simulator.query;

import java.util.List;

/**
 * A parsed query of the SOQL subset the simulator answers:
 * {@code SELECT f, … | COUNT() FROM Object [WHERE c [AND c]…] [ORDER BY f [ASC|DESC]] [LIMIT n]}, where a
 * field may be a path through parents ({@code Account.Name}) and each condition is {@code field op value}
 * with {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=} or {@code LIKE}, or
 * {@code field [NOT] IN (value, …)}. A value is a quoted string, a number, {@code true}/{@code false}/
 * {@code null}, a date ({@code 2026-12-01}, a {@link java.time.LocalDate}), a date-time
 * ({@code 2026-12-01T10:00:00Z} or with an offset, an {@link java.time.Instant}) or a relative date literal
 * ({@code TODAY}, {@code LAST_N_DAYS:7}, a {@link RelativeDate}).
 *
 * @param count whether it is {@code SELECT COUNT()}: the answer is the number of matches, no records
 */
public record SoqlQuery(
        List<String> fields,
        String object,
        List<Condition> where,
        String orderBy,
        boolean descending,
        Integer limit,
        boolean count) {

    /** A date literal relative to today: {@code YESTERDAY}, or {@code LAST_N_DAYS:30} with its {@code n} (else 0). */
    public record RelativeDate(String literal, int n) {}

    /** One condition; {@code values} has one entry except for IN. A null entry is SOQL's {@code null}. */
    public record Condition(String field, Operator operator, List<Object> values) {}

    public enum Operator {
        EQUALS,
        NOT_EQUALS,
        LESS,
        LESS_OR_EQUAL,
        GREATER,
        GREATER_OR_EQUAL,
        LIKE,
        IN,
        NOT_IN
    }
}
