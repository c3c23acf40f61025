package dev.governor.ingress.reads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named query's SOQL with {@code :name} placeholders, each filled with a caller's value only after the value
 * has been read as its declared type and written as a SOQL literal (text quoted and escaped, numbers, dates and
 * Ids checked by shape): a caller never sends SOQL, and a value can never become more of the query. Pure.
 */
public final class SoqlTemplate {

    /** What a placeholder's value must be. */
    public enum ParamType {
        STRING,
        INT,
        DECIMAL,
        BOOLEAN,
        DATE,
        DATETIME,
        ID
    }

    private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z][A-Za-z0-9_]*)");
    private static final Pattern INT = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final int MAX_STRING = 1000;

    private final String soql;
    private final Map<String, ParamType> params;

    /**
     * @throws IllegalArgumentException when the template names a placeholder without a type, or a type is
     *     declared for a placeholder the template does not use
     */
    public SoqlTemplate(String soql, Map<String, ParamType> params) {
        this.soql = soql;
        this.params = Map.copyOf(params);
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(soql);
        while (matcher.find()) {
            if (!inQuotes(soql, matcher.start())) {
                used.add(matcher.group(1));
            }
        }
        for (String name : used) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("the query uses :" + name + " but declares no type for it");
            }
        }
        for (String name : params.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("a type is declared for " + name + ", which the query does not use");
            }
        }
    }

    public Set<String> parameters() {
        return params.keySet();
    }

    /**
     * The SOQL with every placeholder filled.
     *
     * @throws IllegalArgumentException naming the first parameter missing, unknown or not of its type
     */
    public String render(Map<String, String> values) {
        for (String name : values.keySet()) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException(
                        "the query takes no parameter " + name + "; it takes " + params.keySet());
            }
        }
        StringBuilder out = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(soql);
        int at = 0;
        while (matcher.find()) {
            if (inQuotes(soql, matcher.start())) {
                continue;
            }
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the query needs the parameter " + name);
            }
            out.append(soql, at, matcher.start()).append(literal(name, params.get(name), value));
            at = matcher.end();
        }
        return out.append(soql.substring(at)).toString();
    }

    private static String literal(String name, ParamType type, String value) {
        return switch (type) {
            case STRING -> quoted(name, value);
            case INT -> shaped(name, value, INT, "a whole number");
            case DECIMAL -> shaped(name, value, DECIMAL, "a decimal number");
            case BOOLEAN ->
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "false" -> value.toLowerCase(Locale.ROOT);
                    default -> throw new IllegalArgumentException(name + " must be true or false");
                };
            case DATE -> {
                try {
                    yield LocalDate.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(name + " must be a date, YYYY-MM-DD");
                }
            }
            case DATETIME -> {
                try {
                    yield Instant.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(name + " must be a UTC time, YYYY-MM-DDThh:mm:ssZ");
                }
            }
            case ID -> quotedShape(name, value, ID, "a 15- or 18-character record Id");
        };
    }

    private static String shaped(String name, String value, Pattern shape, String what) {
        if (!shape.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be " + what);
        }
        return value;
    }

    private static String quotedShape(String name, String value, Pattern shape, String what) {
        return "'" + shaped(name, value, shape, what) + "'";
    }

    /** A SOQL string literal: quotes, backslashes and line breaks escaped as SOQL reads them. */
    private static String quoted(String name, String value) {
        if (value.length() > MAX_STRING) {
            throw new IllegalArgumentException(name + " may be at most " + MAX_STRING + " characters");
        }
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> {
                    if (Character.isISOControl(c)) {
                        throw new IllegalArgumentException(name + " holds a control character");
                    }
                    out.append(c);
                }
            }
        }
        return out.append('\'').toString();
    }

    /** Whether a position of the template is inside a quoted literal (a colon there is text, not a placeholder). */
    private static boolean inQuotes(String soql, int position) {
        boolean quoted = false;
        for (int i = 0; i < position; i++) {
            char c = soql.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '\'') {
                quoted = !quoted;
            }
        }
        return quoted;
    }
}
