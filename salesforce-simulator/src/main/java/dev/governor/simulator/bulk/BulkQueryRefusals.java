package dev.governor.simulator.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Bulk API 2.0 query jobs cannot run, which the REST query can or which SOQL allows: GROUP BY,
 * OFFSET, TYPEOF, aggregate functions, parent-to-child subqueries, compound fields and FIELDS(). A job
 * with any of them is refused when it is created, as Salesforce refuses it.
 */
public final class BulkQueryRefusals {

    private record Refusal(Pattern pattern, String what) {}

    private static final List<Refusal> REFUSALS = List.of(
            new Refusal(Pattern.compile("\\bGROUP\\s+BY\\b"), "GROUP BY"),
            new Refusal(Pattern.compile("\\bOFFSET\\b"), "OFFSET"),
            new Refusal(Pattern.compile("\\bTYPEOF\\b"), "TYPEOF"),
            new Refusal(Pattern.compile("\\b(COUNT|COUNT_DISTINCT|SUM|AVG|MIN|MAX)\\s*\\("), "Aggregate queries"),
            new Refusal(Pattern.compile("\\(\\s*SELECT\\b"), "Parent-to-child subqueries"),
            new Refusal(Pattern.compile("\\bFIELDS\\s*\\("), "FIELDS()"),
            new Refusal(
                    Pattern.compile(
                            "\\b(BILLINGADDRESS|SHIPPINGADDRESS|MAILINGADDRESS|OTHERADDRESS|ADDRESS|LOCATION)\\b"),
                    "Compound fields"));

    private BulkQueryRefusals() {}

    /** Why the query cannot be a Bulk query job, if it cannot (quoted literals are not looked into). */
    public static Optional<String> refusal(String soql) {
        String code = soql.replaceAll("'(?:\\\\.|[^'\\\\])*'", "''").toUpperCase(Locale.ROOT);
        for (Refusal refusal : REFUSALS) {
            if (refusal.pattern().matcher(code).find()) {
                return Optional.of(
                        "FeatureNotEnabled : " + refusal.what() + " are not supported by Bulk API 2.0 query");
            }
        }
        return Optional.empty();
    }
}
