package dev.governor.simulator.query;

import java.util.List;

/**
 * A parsed query of the SOQL subset the simulator answers:
 * {@code SELECT f, … FROM Object [WHERE c [AND c]…] [ORDER BY f [ASC|DESC]] [LIMIT n]}, where each
 * condition is {@code field = value}, {@code field != value} or {@code field IN (value, …)}.
 */
public record SoqlQuery(
        List<String> fields, String object, List<Condition> where, String orderBy, boolean descending, Integer limit) {

    /** One condition; {@code values} has one entry except for IN. A null entry is SOQL's {@code null}. */
    public record Condition(String field, Operator operator, List<Object> values) {}

    public enum Operator {
        EQUALS,
        NOT_EQUALS,
        IN
    }
}
