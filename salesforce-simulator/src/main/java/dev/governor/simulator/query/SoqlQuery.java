package dev.governor.simulator.query;

import java.util.List;

/**
 * A parsed query of the SOQL subset the simulator answers:
 * {@code SELECT f, … FROM Object [WHERE c [AND c]…] [ORDER BY f [ASC|DESC]] [LIMIT n]}, where each
 * condition is {@code field op value} with {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >},
 * {@code >=} or {@code LIKE}, or {@code field IN (value, …)}. A value is a quoted string, a number,
 * {@code true}/{@code false}/{@code null}, a date ({@code 2026-12-01}, a {@link java.time.LocalDate}) or a
 * date-time ({@code 2026-12-01T10:00:00Z} or with an offset, an {@link java.time.Instant}).
 */
public record SoqlQuery(
        List<String> fields, String object, List<Condition> where, String orderBy, boolean descending, Integer limit) {

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
        IN
    }
}
