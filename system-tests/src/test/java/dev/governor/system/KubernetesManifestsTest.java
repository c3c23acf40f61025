package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay in deploy/kubernetes/overlays renders with {@code kubectl kustomize}, and what it renders
 * passes {@link ManifestChecks} against the services as they are built; each kind of mistake those checks
 * look for, planted once, is found. No cluster is needed (none can run here).
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("governor.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Map<String, String> MODULES = Map.of(
            "governor-ingress", "ingress-service",
            "governor-delivery", "delivery-service",
            "governor-event-bridge", "event-bridge-service",
            "governor-archive", "archive-service");

    private static ManifestChecks checks;

    @BeforeAll
    static void readTheServices() throws IOException {
        Map<String, ManifestChecks.ServiceFacts> services = new LinkedHashMap<>();
        for (Map.Entry<String, String> service : MODULES.entrySet()) {
            Properties properties = applicationProperties(service.getValue());
            services.put(
                    service.getKey(),
                    new ManifestChecks.ServiceFacts(
                            Integer.parseInt(properties.getProperty("quarkus.http.port")),
                            Integer.parseInt(properties.getProperty("quarkus.management.port")),
                            ServiceConfigKeys.of(ROOT, service.getValue())));
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (JsonNode topic : RenderedManifests.parse(
                Files.readString(ROOT.resolve("deploy/kubernetes/infrastructure/kafka-topics.yaml")))) {
            partitions.put(
                    topic.path("spec").path("topicName").asText(),
                    topic.path("spec").path("partitions").asInt());
        }
        checks = new ManifestChecks(services, partitions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void anOverlayRendersAndPassesEveryCheck(String overlay) throws Exception {
        List<JsonNode> objects = RenderedManifests.render(ROOT.resolve("deploy/kubernetes/overlays/" + overlay));

        assertThat(objects)
                .extracting(o -> o.path("kind").asText())
                .contains("Deployment", "NetworkPolicy", "ServiceMonitor", "PrometheusRule");
        assertThat(checks.problems(objects)).isEmpty();
    }

    @Test
    void eachPlantedMistakeIsFound() throws Exception {
        List<JsonNode> dev = RenderedManifests.render(ROOT.resolve("deploy/kubernetes/overlays/dev"));
        assertThat(checks.problems(dev)).isEmpty();

        assertFound(
                dev,
                o -> edit(o, "Service", "governor-delivery")
                        .with("spec")
                        .with("selector")
                        .put("app.kubernetes.io/name", "governor-deliver"),
                "Service governor-delivery: its selector matches no pods");
        assertFound(
                dev,
                o -> edit(o, "PodDisruptionBudget", "governor-ingress")
                        .with("spec")
                        .with("selector")
                        .with("matchLabels")
                        .put("app.kubernetes.io/name", "ingress"),
                "PodDisruptionBudget governor-ingress: its selector matches no pods");
        assertFound(
                dev,
                o -> container(o, "governor-archive")
                        .with("readinessProbe")
                        .with("httpGet")
                        .put("path", "/q/health/redy"),
                "Deployment governor-archive: readinessProbe asks /q/health/redy, not /q/health/ready");
        assertFound(
                dev,
                o -> container(o, "governor-ingress")
                        .with("livenessProbe")
                        .with("httpGet")
                        .put("port", "http"),
                "Deployment governor-ingress: livenessProbe asks port http, health is served on 9000");
        assertFound(
                dev,
                o -> configMap(o, "governor-ingress").put("GOVERNOR_SALESFORCE_LOGIN_ULR", "x"),
                "Deployment governor-ingress: GOVERNOR_SALESFORCE_LOGIN_ULR names no configuration key");
        assertFound(
                dev,
                o -> ((ObjectNode) container(o, "governor-delivery")
                                .withArray("env")
                                .get(0))
                        .put("name", "QUARKUS_REDIS_PASWORD"),
                "Deployment governor-delivery: QUARKUS_REDIS_PASWORD names no configuration key");
        assertFound(
                dev,
                o -> configMap(o, "governor-event-bridge").put("QUARKUS_HTTP_ROOT_PATH", "/bridge"),
                "QUARKUS_HTTP_ROOT_PATH is fixed when the service is built");
        assertFound(
                dev,
                o -> ((ObjectNode) edit(o, "ServiceMonitor", "governor")
                                .with("spec")
                                .withArray("endpoints")
                                .get(0))
                        .put("port", "metrics"),
                "ServiceMonitor governor: scrapes port metrics, which Service governor-ingress does not name");
        assertFound(
                dev,
                o -> edit(o, "ScaledObject", "governor-delivery").with("spec").put("maxReplicaCount", 12),
                "ScaledObject governor-delivery: up to 12 replicas, past the 6 partitions of governor.records.v1");
        assertFound(
                dev,
                o -> edit(o, "Deployment", "governor-archive").with("spec").put("replica", 2),
                "Deployment governor-archive: .spec has no field [replica]");
        assertFound(
                dev,
                o -> ((ObjectNode) edit(o, "Service", "governor-ingress")
                                .with("spec")
                                .withArray("ports")
                                .get(0))
                        .put("port", "eighty"),
                "Service governor-ingress: not a valid v1/Service");
        assertFound(
                dev,
                o -> container(o, "governor-event-bridge")
                        .with("securityContext")
                        .put("readOnlyRootFilesystem", false),
                "Deployment governor-event-bridge: the root file system is writable");
        assertFound(
                dev,
                o -> o.add(
                        o.get(0).<ObjectNode>deepCopy().put("apiVersion", "v1").put("kind", "Secret")),
                "a Secret in the manifests");
    }

    @Test
    void everyImageRecipeRunsAsNonRootAndExposesTheServicesPorts() throws IOException {
        for (String module : MODULES.values()) {
            Properties properties = applicationProperties(module);
            String ports = "EXPOSE " + properties.getProperty("quarkus.http.port") + " "
                    + properties.getProperty("quarkus.management.port");
            for (String recipe : List.of("Dockerfile.jvm", "Dockerfile.native")) {
                String dockerfile = Files.readString(ROOT.resolve(module + "/src/main/docker/" + recipe));
                assertThat(dockerfile).as(module + " " + recipe).contains(ports).containsPattern("(?m)^USER 185$");
            }
        }
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(ROOT.resolve(module + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** Plants one mistake in a copy of the rendering and expects the checks to name it. */
    private static void assertFound(List<JsonNode> rendering, Consumer<List<JsonNode>> plant, String expected) {
        List<JsonNode> copy = new java.util.ArrayList<>();
        rendering.forEach(object -> copy.add(object.deepCopy()));
        plant.accept(copy);
        assertThat(checks.problems(copy)).anyMatch(p -> p.contains(expected));
    }

    private static ObjectNode edit(List<JsonNode> objects, String kind, String name) {
        return (ObjectNode) objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText())
                        && name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
    }

    private static ObjectNode container(List<JsonNode> objects, String deployment) {
        return (ObjectNode) edit(objects, "Deployment", deployment)
                .with("spec")
                .with("template")
                .with("spec")
                .withArray("containers")
                .get(0);
    }

    private static ObjectNode configMap(List<JsonNode> objects, String prefix) {
        return (ObjectNode) objects.stream()
                .filter(o -> "ConfigMap".equals(o.path("kind").asText())
                        && o.path("metadata").path("name").asText().startsWith(prefix + "-"))
                .findFirst()
                .orElseThrow()
                .with("data");
    }
}
