package dev.governor.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Governor's alert rules file, read for what its expressions query. */
final class AlertRules {

    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"");
    private static final Pattern LABEL_LISTS =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAMES = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    private AlertRules() {}

    /** Each alert's name and expression. */
    static Map<String, String> expressions(Path rulesFile) throws IOException {
        Map<String, String> alerts = new TreeMap<>();
        for (JsonNode group : new YAMLMapper().readTree(rulesFile.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
                }
            }
        }
        return alerts;
    }

    /** The metric names a PromQL expression selects (not its functions, operators or label names). */
    static Set<String> metricNames(String expression) {
        String bare = LABEL_LISTS
                .matcher(STRINGS.matcher(RANGES.matcher(
                                        LABEL_MATCHERS.matcher(expression).replaceAll(" "))
                                .replaceAll(" "))
                        .replaceAll(" "))
                .replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAMES.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            boolean calls = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!KEYWORDS.contains(word) && !partOfNumber && !calls) {
                names.add(word);
            }
        }
        return names;
    }
}
