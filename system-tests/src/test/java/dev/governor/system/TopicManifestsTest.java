package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.governor.common.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster's topics and the documented ones cannot drift: every topic docs/topics.md describes has a
 * Strimzi KafkaTopic with the partitions, retention and compaction the document gives, and no other.
 */
class TopicManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("governor.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final long DAY_MS = 86_400_000L;
    private static final Pattern HEADING_TOPIC = Pattern.compile("`(governor\\.[a-z0-9.-]+)`");
    private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");

    /** What the document or a manifest says of one topic; null where it says nothing. */
    record TopicSpec(Integer partitions, Long retentionMs, boolean compacted) {}

    @Test
    void everyDocumentedTopicHasAMatchingKafkaTopicAndNoOtherIsDeclared() throws IOException {
        Map<String, TopicSpec> documented = documented(Files.readString(ROOT.resolve("docs/topics.md")));
        Map<String, TopicSpec> declared =
                declared(Files.readString(ROOT.resolve("deploy/kubernetes/infrastructure/kafka-topics.yaml")));

        assertThat(documented.keySet())
                .contains(Topics.RECORDS, Topics.OUTCOMES, Topics.RECORDS_DEAD_LETTER)
                .containsAll(Topics.RECORDS_RETRY);
        assertThat(differences(documented, declared)).isEmpty();
    }

    @Test
    void aPlantedDisagreementIsFound() throws IOException {
        Map<String, TopicSpec> documented = documented(Files.readString(ROOT.resolve("docs/topics.md")));
        Map<String, TopicSpec> declared =
                declared(Files.readString(ROOT.resolve("deploy/kubernetes/infrastructure/kafka-topics.yaml")));

        Map<String, TopicSpec> missingOne = new LinkedHashMap<>(declared);
        missingOne.remove(Topics.OUTCOMES);
        assertThat(differences(documented, missingOne)).containsExactly(Topics.OUTCOMES + ": no KafkaTopic");

        Map<String, TopicSpec> wrongRetention = new LinkedHashMap<>(declared);
        wrongRetention.put(Topics.RECORDS_DEAD_LETTER, new TopicSpec(6, 7 * DAY_MS, false));
        assertThat(differences(documented, wrongRetention))
                .singleElement()
                .asString()
                .startsWith(Topics.RECORDS_DEAD_LETTER + ": documented");

        Map<String, TopicSpec> extra = new LinkedHashMap<>(declared);
        extra.put("governor.unknown.v1", new TopicSpec(6, DAY_MS, false));
        assertThat(differences(documented, extra)).containsExactly("governor.unknown.v1: not in docs/topics.md");
    }

    static List<String> differences(Map<String, TopicSpec> documented, Map<String, TopicSpec> declared) {
        List<String> found = new ArrayList<>();
        Set<String> names = new TreeSet<>(documented.keySet());
        names.addAll(declared.keySet());
        for (String name : names) {
            TopicSpec doc = documented.get(name);
            TopicSpec manifest = declared.get(name);
            if (manifest == null) {
                found.add(name + ": no KafkaTopic");
            } else if (doc == null) {
                found.add(name + ": not in docs/topics.md");
            } else if (!doc.equals(manifest)) {
                found.add(name + ": documented " + doc + ", declared " + manifest);
            }
        }
        return found;
    }

    /** Each "## `topic`" section's partitions, retention ("N days") and cleanup ("compacted") rows. */
    static Map<String, TopicSpec> documented(String markdown) {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        for (String section : markdown.split("\n## ")) {
            String heading = section.lines().findFirst().orElse("");
            List<String> names = new ArrayList<>();
            Matcher m = HEADING_TOPIC.matcher(heading);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                continue;
            }
            Integer partitions = null;
            Long retention = null;
            boolean compacted = false;
            for (String line : section.lines().toList()) {
                if (line.startsWith("| partitions |")) {
                    partitions = firstNumber(line).map(Long::intValue).orElse(null);
                } else if (line.startsWith("| retention |") && line.contains(" days")) {
                    retention = firstNumber(line).map(days -> days * DAY_MS).orElse(null);
                } else if (line.startsWith("| cleanup |") && line.contains("compacted")) {
                    compacted = true;
                }
            }
            for (String name : names) {
                topics.put(name, new TopicSpec(partitions, retention, compacted));
            }
        }
        return topics;
    }

    static Map<String, TopicSpec> declared(String yaml) throws IOException {
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode topic = documents.next();
                if (topic == null || !"KafkaTopic".equals(topic.path("kind").asText())) {
                    continue;
                }
                JsonNode spec = topic.path("spec");
                JsonNode config = spec.path("config");
                topics.put(
                        spec.path("topicName")
                                .asText(topic.path("metadata").path("name").asText()),
                        new TopicSpec(
                                spec.has("partitions") ? spec.path("partitions").asInt() : null,
                                config.has("retention.ms")
                                        ? config.path("retention.ms").asLong()
                                        : null,
                                "compact".equals(config.path("cleanup.policy").asText())));
            }
        }
        return topics;
    }

    private static java.util.Optional<Long> firstNumber(String line) {
        Matcher m = FIRST_NUMBER.matcher(line.substring(line.indexOf('|', 1) + 1));
        return m.find() ? java.util.Optional.of(Long.parseLong(m.group(1))) : java.util.Optional.empty();
    }
}
