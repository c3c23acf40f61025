package dev.governor.archive.snapshot;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one page of Bulk API 2.0 CSV results holds: its header, its rows, the latest {@code SystemModstamp}
 * and how many rows are deleted records ({@code IsDeleted} true). CSV as Salesforce writes it (RFC 4180:
 * quoted values, doubled quotes, line breaks inside quotes). Pure.
 */
public record CsvPage(List<String> header, List<List<String>> rows, Instant highWaterMark, long deleted) {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    public static CsvPage read(String csv) {
        List<List<String>> lines = new ArrayList<>();
        try (MappingIterator<List<String>> it =
                CSV.readerForListOf(String.class).readValues(csv)) {
            while (it.hasNext()) {
                lines.add(it.next());
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("Salesforce's CSV could not be read: " + e.getMessage(), e));
        }
        if (lines.isEmpty()) {
            return new CsvPage(List.of(), List.of(), null, 0);
        }
        List<String> header = lines.get(0);
        List<List<String>> rows = lines.subList(1, lines.size()).stream()
                .filter(row -> !(row.size() == 1 && row.get(0).isEmpty()))
                .toList();
        int modstamp = indexOf(header, "SystemModstamp");
        int isDeleted = indexOf(header, "IsDeleted");
        Instant latest = null;
        long deleted = 0;
        for (List<String> row : rows) {
            if (modstamp >= 0 && modstamp < row.size()) {
                Instant at = instant(row.get(modstamp));
                if (at != null && (latest == null || at.isAfter(latest))) {
                    latest = at;
                }
            }
            if (isDeleted >= 0 && isDeleted < row.size() && "true".equalsIgnoreCase(row.get(isDeleted))) {
                deleted++;
            }
        }
        return new CsvPage(List.copyOf(header), rows, latest, deleted);
    }

    /**
     * The page without the rows whose {@code SystemModstamp} is not after {@code since}: SOQL compares
     * datetimes to the second, so an incremental query brings back rows of its first second that the base
     * snapshot already holds unchanged.
     */
    public CsvPage changedAfter(Instant since) {
        int modstamp = indexOf(header, "SystemModstamp");
        if (since == null || modstamp < 0) {
            return this;
        }
        List<List<String>> kept = rows.stream()
                .filter(row -> {
                    Instant at = modstamp < row.size() ? instant(row.get(modstamp)) : null;
                    return at == null || at.isAfter(since);
                })
                .toList();
        return kept.size() == rows.size() ? this : read(write(header, kept));
    }

    /** CSV as Salesforce writes it: every value quoted, quotes doubled, LF line endings. */
    static String write(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    public String csv() {
        return write(header, rows);
    }

    private static void line(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
        }
        csv.append('\n');
    }

    private static int indexOf(List<String> header, String field) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** Salesforce's datetime ({@code 2026-12-02T01:02:03.000Z} or {@code +0000}), or null when it is not one. */
    static Instant instant(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String iso = value.endsWith("+0000") ? value.substring(0, value.length() - 5) + "Z" : value;
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
