package dev.governor.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The Grafana dashboards of deploy/monitoring/grafana, as the queries their panels make. */
final class Dashboards {

    private Dashboards() {}

    /** Each panel query, keyed by "dashboard / panel / refId". */
    static Map<String, String> expressions(Path folder) throws IOException {
        Map<String, String> expressions = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        expressions.put(
                                dashboard.path("uid").asText() + " / "
                                        + panel.path("title").asText() + " / "
                                        + target.path("refId").asText(),
                                target.path("expr").asText());
                    }
                }
            }
        }
        return expressions;
    }
}
