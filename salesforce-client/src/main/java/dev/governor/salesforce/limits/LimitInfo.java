package dev.governor.salesforce.limits;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API usage as every REST response reports it: {@code Sforce-Limit-Info: api-usage=used/max}.
 * Salesforce sends no Retry-After and no RateLimit headers; this is the only live signal of the budget.
 */
public record LimitInfo(long used, long max) {

    public static final String HEADER = "Sforce-Limit-Info";
    private static final Pattern API_USAGE = Pattern.compile("(?<![\\w-])api-usage=(\\d+)/(\\d+)");

    /** The usage in a header value, if it has one (the header may list other limits too). */
    public static Optional<LimitInfo> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(header);
        return m.find()
                ? Optional.of(new LimitInfo(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    /** The share of the daily allocation used, from 0 to 1. */
    public double usedFraction() {
        return max == 0 ? 1.0 : Math.min(1.0, (double) used / max);
    }

    public long remaining() {
        return Math.max(0, max - used);
    }
}
