package dev.governor.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration keys one service knows, in their environment-variable form, to tell whether a variable a
 * manifest sets names one of them: the keys of its application.properties and its libraries'
 * microprofile-config.properties, the variables those files read, its own {@code @ConfigMapping} interfaces,
 * every Quarkus extension packaged with it (from the extension's own config model, which also says whether a
 * key is fixed at build time), and the Kafka client's settings ({@code kafka.*}).
 */
final class ServiceConfigKeys {

    /** Library modules whose configuration a service takes on when it depends on them. */
    private static final List<String> LIBRARIES = List.of("common", "service-support", "salesforce-client");

    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MAPPING_METHOD =
            Pattern.compile("(?m)^\\s+[\\w.]+(?:<[^;()]*>)?(?:\\[])?\\s+(\\w+)\\(\\);");
    private static final Pattern VARIABLE_READ = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final String CONFIG_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    private final Set<String> exact = new HashSet<>();
    private final Set<String> buildTime = new HashSet<>();
    private final List<Pattern> patterns = new ArrayList<>();

    private ServiceConfigKeys() {}

    /** Reads the keys of {@code module}; its Quarkus application must have been packaged (target/quarkus-app). */
    static ServiceConfigKeys of(Path repoRoot, String module) throws IOException {
        ServiceConfigKeys keys = new ServiceConfigKeys();
        Path moduleDir = repoRoot.resolve(module);
        String pom = Files.readString(moduleDir.resolve("pom.xml"));
        List<Path> sources = new ArrayList<>(List.of(moduleDir));
        LIBRARIES.stream()
                .filter(library -> pom.contains("<artifactId>" + library + "</artifactId>"))
                .forEach(library -> sources.add(repoRoot.resolve(library)));
        for (Path source : sources) {
            keys.addProperties(source.resolve("src/main/resources/application.properties"));
            keys.addProperties(source.resolve("src/main/resources/META-INF/microprofile-config.properties"));
            keys.addMappings(source.resolve("src/main/java"));
        }
        Path libraries = moduleDir.resolve("target/quarkus-app/lib/main");
        if (!Files.isDirectory(libraries)) {
            throw new IllegalStateException(libraries + " is missing: package the services first (./mvnw package)");
        }
        try (Stream<Path> jars = Files.list(libraries)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                keys.addQuarkusConfigModel(jar);
            }
        }
        for (Set<String> names :
                List.of(ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames())) {
            names.forEach(name -> keys.exact.add(environmentForm("kafka." + name)));
        }
        return keys;
    }

    /** Whether {@code variable} sets a key this service reads. */
    boolean knows(String variable) {
        return exact.contains(variable)
                || patterns.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    /** Whether {@code variable} sets a key Quarkus fixes at build time (setting it later does nothing). */
    boolean fixedAtBuild(String variable) {
        return buildTime.contains(variable);
    }

    /** How SmallRye Config names a key in the environment: every character not a letter or digit an underscore. */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void addProperties(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            addKey(unprofiled);
            Matcher read = VARIABLE_READ.matcher(properties.getProperty(key));
            while (read.find()) {
                exact.add(read.group(1));
            }
        }
    }

    /**
     * A mapping's keys, as far as its source shows them: the prefix, then any path (nested groups, map keys),
     * then one of the interface's method names in kebab case.
     */
    private void addMappings(Path sourceRoot) throws IOException {
        if (!Files.isDirectory(sourceRoot)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher prefix = MAPPING_PREFIX.matcher(source);
            if (!prefix.find()) {
                continue;
            }
            String prefixForm = Pattern.quote(environmentForm(prefix.group(1)));
            Matcher method = MAPPING_METHOD.matcher(source);
            while (method.find()) {
                String name = environmentForm(kebab(method.group(1)));
                patterns.add(Pattern.compile(prefixForm + "(?:_[A-Z0-9_]+)?_" + Pattern.quote(name)));
            }
        }
    }

    private void addQuarkusConfigModel(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry model = zip.getEntry(CONFIG_MODEL);
            if (model == null) {
                return;
            }
            try (InputStream in = zip.getInputStream(model)) {
                addModelItems(new ObjectMapper().readTree(in));
            }
        }
    }

    private void addModelItems(JsonNode node) {
        if (node.isArray()) {
            node.forEach(this::addModelItems);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode path = node.get("path");
        if (path != null && path.isObject() && path.has("property")) {
            boolean fixed = !"RUN_TIME".equals(node.path("phase").asText("RUN_TIME"));
            addModelPath(path, fixed);
            node.path("additionalPaths").forEach(additional -> addModelPath(additional, fixed));
        }
        node.forEach(this::addModelItems);
    }

    private void addModelPath(JsonNode path, boolean fixed) {
        String property = path.path("property").asText();
        if (property.contains("\"") || property.contains("*") || property.contains("[")) {
            patterns.add(keyPattern(property));
            return;
        }
        String variable = path.path("environmentVariable").asText(environmentForm(property));
        exact.add(variable);
        if (fixed) {
            buildTime.add(variable);
        }
    }

    private void addKey(String key) {
        if (key.contains("\"")) {
            patterns.add(keyPattern(key));
        } else {
            exact.add(environmentForm(key));
        }
    }

    /** A key with named or listed segments ({@code a."name".b}, {@code a.*.b}, {@code a[0]}) as a pattern. */
    private static Pattern keyPattern(String key) {
        StringBuilder regex = new StringBuilder();
        for (String part : key.split("\"[^\"]*\"|\\*|\\[[^]]*]", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(environmentForm(part)));
        }
        return Pattern.compile(regex.toString());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
