package dev.governor.simulator.query;

import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.query.SoqlQuery.Condition;
import dev.governor.simulator.query.SoqlQuery.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the SOQL subset of {@link SoqlQuery}; anything else is 400 MALFORMED_QUERY, as Salesforce answers. */
public final class SoqlParser {

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
        do {
            fields.add(identifier());
        } while (accept(","));
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
            orderBy = identifier();
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
        return new SoqlQuery(fields, object, where, orderBy, descending, limit);
    }

    private Condition condition() {
        String field = identifier();
        if (accept("=")) {
            return new Condition(field, Operator.EQUALS, single(literal()));
        }
        if (accept("!=")) {
            return new Condition(field, Operator.NOT_EQUALS, single(literal()));
        }
        keyword("IN");
        expect("(");
        List<Object> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (accept(","));
        expect(")");
        return new Condition(field, Operator.IN, values);
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

    private int integer() {
        String word = word();
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw malformed("LIMIT expects a number, not '" + word + "'");
        }
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
