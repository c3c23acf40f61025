package dev.governor.simulator.query;

import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.query.SoqlQuery.Condition;
import dev.governor.simulator.query.SoqlQuery.Operator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the SOQL subset of {@link SoqlQuery}; anything else is 400 MALFORMED_QUERY, as Salesforce answers. */
public final class SoqlParser {

    private record Comparison(String symbol, Operator operator) {}

    /** Longest symbols first, so {@code <=} is not read as {@code <}. */
    private static final List<Comparison> COMPARISONS = List.of(
            new Comparison("!=", Operator.NOT_EQUALS),
            new Comparison("<=", Operator.LESS_OR_EQUAL),
            new Comparison(">=", Operator.GREATER_OR_EQUAL),
            new Comparison("=", Operator.EQUALS),
            new Comparison("<", Operator.LESS),
            new Comparison(">", Operator.GREATER));

    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\w:])");
    private static final Pattern RELATIVE_DATE = Pattern.compile("(?i)(TODAY|YESTERDAY|TOMORROW"
            + "|(?:THIS|LAST|NEXT)_(?:WEEK|MONTH|YEAR)|(?:LAST|NEXT)_N_DAYS)(?::(\\d{1,4}))?(?!\\w)");
    private static final Pattern COUNT = Pattern.compile("(?i)COUNT\\s*\\(\\s*\\)");
    private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,4}");

    private final String text;
    private int pos;

    private SoqlParser(String text) {
        this.text = text;
    }

    public static SoqlQuery parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw malformed("empty query");
        }
        return new SoqlParser(soql.trim()).query();
    }

    private SoqlQuery query() {
        keyword("SELECT");
        List<String> fields = new ArrayList<>();
        skipSpaces();
        Matcher count = COUNT.matcher(text).region(pos, text.length());
        boolean counting = count.lookingAt();
        if (counting) {
            pos = count.end();
        } else {
            do {
                fields.add(path());
            } while (accept(","));
        }
        keyword("FROM");
        String object = identifier();
        List<Condition> where = new ArrayList<>();
        if (acceptKeyword("WHERE")) {
            do {
                where.add(condition());
            } while (acceptKeyword("AND"));
        }
        String orderBy = null;
        boolean descending = false;
        if (acceptKeyword("ORDER")) {
            keyword("BY");
            orderBy = path();
            if (acceptKeyword("DESC")) {
                descending = true;
            } else {
                acceptKeyword("ASC");
            }
        }
        Integer limit = null;
        if (acceptKeyword("LIMIT")) {
            limit = integer();
        }
        skipSpaces();
        if (pos < text.length()) {
            throw malformed("unexpected token: '" + text.substring(pos, Math.min(text.length(), pos + 20)) + "'");
        }
        return new SoqlQuery(fields, object, where, orderBy, descending, limit, counting);
    }

    private Condition condition() {
        String field = path();
        for (Comparison comparison : COMPARISONS) {
            if (accept(comparison.symbol())) {
                return new Condition(field, comparison.operator(), single(literal()));
            }
        }
        if (acceptKeyword("LIKE")) {
            Object pattern = literal();
            if (!(pattern instanceof String)) {
                throw malformed("LIKE expects a quoted pattern");
            }
            return new Condition(field, Operator.LIKE, single(pattern));
        }
        boolean not = acceptKeyword("NOT");
        keyword("IN");
        expect("(");
        List<Object> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (accept(","));
        expect(")");
        return new Condition(field, not ? Operator.NOT_IN : Operator.IN, values);
    }

    /** A one-value list that may hold SOQL's null (List.of refuses nulls). */
    private static List<Object> single(Object value) {
        List<Object> values = new ArrayList<>(1);
        values.add(value);
        return values;
    }

    private Object literal() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '\'') {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            expect("'");
            return value.toString();
        }
        Matcher dateTime = DATE_TIME.matcher(text).region(pos, text.length());
        if (dateTime.lookingAt()) {
            pos = dateTime.end();
            return dateTime(dateTime.group());
        }
        Matcher relative = RELATIVE_DATE.matcher(text).region(pos, text.length());
        if (relative.lookingAt()) {
            pos = relative.end();
            String literal = relative.group(1).toUpperCase(Locale.ROOT);
            boolean takesN = literal.contains("_N_");
            if (takesN != (relative.group(2) != null)) {
                throw malformed(
                        takesN ? literal + " needs a number, as " + literal + ":7" : "unexpected ':' after " + literal);
            }
            return new SoqlQuery.RelativeDate(literal, takesN ? Integer.parseInt(relative.group(2)) : 0);
        }
        Matcher date = DATE.matcher(text).region(pos, text.length());
        if (date.lookingAt()) {
            pos = date.end();
            try {
                return LocalDate.parse(date.group());
            } catch (DateTimeParseException e) {
                throw malformed("not a date: " + date.group());
            }
        }
        String word = word();
        switch (word.toLowerCase(Locale.ROOT)) {
            case "null":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                try {
                    return word.contains(".") ? (Object) Double.parseDouble(word) : (Object) Long.parseLong(word);
                } catch (NumberFormatException e) {
                    throw malformed("unexpected token: '" + word + "'");
                }
        }
    }

    /** SOQL writes the offset with or without a colon; {@code Z} is UTC. */
    private static Instant dateTime(String literal) {
        String iso = literal.matches(".*[+-]\\d{4}$")
                ? literal.substring(0, literal.length() - 2) + ":" + literal.substring(literal.length() - 2)
                : literal;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("not a date-time: " + literal);
        }
    }

    private int integer() {
        String word = word();
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw malformed("LIMIT expects a number, not '" + word + "'");
        }
    }

    /** A field, or a path through parent relationships ({@code Account.Owner.Name}, five levels at most). */
    private String path() {
        String word = word();
        if (!PATH.matcher(word).matches()) {
            throw malformed("unexpected token: '" + word + "'");
        }
        return word;
    }

    private String identifier() {
        String word = word();
        if (!word.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw malformed("unexpected token: '" + word + "'");
        }
        return word;
    }

    private String word() {
        skipSpaces();
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || "_.-".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw malformed("unexpected end of query or token at position " + pos);
        }
        return text.substring(start, pos);
    }

    private void keyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw malformed("expecting '" + keyword + "'");
        }
    }

    private boolean acceptKeyword(String keyword) {
        skipSpaces();
        int end = pos + keyword.length();
        if (end <= text.length()
                && text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean accept(String symbol) {
        skipSpaces();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw malformed("expecting '" + symbol + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static ApiException malformed(String detail) {
        return ApiException.badRequest("MALFORMED_QUERY", detail);
    }
}
