package dev.governor.simulator.bulk;

import java.util.List;
import java.util.Map;

/**
 * A Bulk API 2.0 result page as CSV: a header row of the selected fields in SELECT order, then one row
 * per record; every value is quoted (quotes doubled), a null is an empty quoted value, with the job's
 * column delimiter and line ending.
 */
public final class CsvResults {

    /** The column delimiters a job may name, and the character each stands for. */
    public static final Map<String, String> DELIMITERS =
            Map.of("COMMA", ",", "TAB", "\t", "PIPE", "|", "SEMICOLON", ";", "CARET", "^", "BACKQUOTE", "`");

    /** The line endings a job may name. */
    public static final Map<String, String> LINE_ENDINGS = Map.of("LF", "\n", "CRLF", "\r\n");

    private CsvResults() {}

    public static String render(List<String> columns, List<List<Object>> rows, String delimiter, String lineEnding) {
        String separator = DELIMITERS.get(delimiter);
        String newline = LINE_ENDINGS.get(lineEnding);
        StringBuilder csv = new StringBuilder();
        appendRow(csv, columns, separator, newline);
        for (List<Object> row : rows) {
            appendRow(csv, row, separator, newline);
        }
        return csv.toString();
    }

    private static void appendRow(StringBuilder csv, List<?> values, String separator, String newline) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(separator);
            }
            Object value = values.get(i);
            csv.append('"')
                    .append(value == null ? "" : String.valueOf(value).replace("\"", "\"\""))
                    .append('"');
        }
        csv.append(newline);
    }
}
