package dev.governor.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What CI checks in a rendered overlay beyond its schema: every selector matches the pods it means, every
 * probe asks a health endpoint on the port the service serves it on, every variable and ConfigMap key
 * names a configuration key of that service, every Governor pod is hardened and sized, scaling never goes
 * past the partitions, and no Secret is in the manifests. Answers the problems found, one a line.
 */
final class ManifestChecks {

    /** What a Governor service is, as its Deployment must reflect it. */
    record ServiceFacts(int httpPort, int managementPort, ServiceConfigKeys configKeys) {}

    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet");
    private static final List<String> COMMON_LABELS =
            List.of("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of");

    private final Map<String, ServiceFacts> services;
    private final Map<String, Integer> topicPartitions;

    /**
     * @param services        Governor's Deployments by name, and what each service is
     * @param topicPartitions the partitions of each topic the cluster declares
     */
    ManifestChecks(Map<String, ServiceFacts> services, Map<String, Integer> topicPartitions) {
        this.services = services;
        this.topicPartitions = topicPartitions;
    }

    List<String> problems(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>(KnownFields.problems(objects));
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String name = object.path("metadata").path("name").asText();
            String where = kind + " " + name;
            switch (kind) {
                case "Secret" -> problems.add(where + ": a Secret in the manifests (secrets are created apart)");
                case "Deployment", "StatefulSet" -> checkPodTemplate(object, objects, where, problems);
                case "Service" -> checkService(object, objects, where, problems);
                case "PodDisruptionBudget" ->
                    checkSelects(
                            object.path("spec").path("selector").path("matchLabels"), true, objects, where, problems);
                case "NetworkPolicy" ->
                    // an empty pod selector is allowed: it means every pod of the namespace
                    checkSelects(
                            object.path("spec").path("podSelector").path("matchLabels"),
                            false,
                            objects,
                            where,
                            problems);
                case "HorizontalPodAutoscaler" ->
                    checkTarget(
                            object.path("spec")
                                    .path("scaleTargetRef")
                                    .path("name")
                                    .asText(),
                            objects,
                            where,
                            problems);
                case "ScaledObject" -> checkScaledObject(object, objects, where, problems);
                case "ServiceMonitor" -> checkServiceMonitor(object, objects, where, problems);
                default -> {}
            }
        }
        for (String deployment : services.keySet()) {
            if (find(objects, "Deployment", deployment) == null) {
                problems.add("Deployment " + deployment + ": missing");
            }
        }
        return problems;
    }

    private void checkPodTemplate(JsonNode object, List<JsonNode> objects, String where, List<String> problems) {
        JsonNode spec = object.path("spec");
        JsonNode podLabels = spec.path("template").path("metadata").path("labels");
        if (!contains(podLabels, spec.path("selector").path("matchLabels"))) {
            problems.add(where + ": its selector does not match its pods' labels");
        }
        ServiceFacts facts = services.get(object.path("metadata").path("name").asText());
        if (facts == null || !"Deployment".equals(object.path("kind").asText())) {
            return;
        }
        for (String label : COMMON_LABELS) {
            if (!object.path("metadata").path("labels").has(label) || !podLabels.has(label)) {
                problems.add(where + ": label " + label + " missing on the Deployment or its pods");
            }
        }
        JsonNode pod = spec.path("template").path("spec");
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
            problems.add(where + ": pods may run as root (securityContext.runAsNonRoot)");
        }
        if (!"RuntimeDefault"
                .equals(pod.path("securityContext")
                        .path("seccompProfile")
                        .path("type")
                        .asText())) {
            problems.add(where + ": no RuntimeDefault seccomp profile");
        }
        JsonNode container = pod.path("containers").path(0);
        JsonNode security = container.path("securityContext");
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add(where + ": the root file system is writable");
        }
        if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(where + ": privilege escalation is allowed");
        }
        if (!texts(security.path("capabilities").path("drop")).contains("ALL")) {
            problems.add(where + ": not every capability is dropped");
        }
        JsonNode resources = container.path("resources");
        if (resources.path("requests").path("memory").isMissingNode()
                || resources.path("limits").path("memory").isMissingNode()
                || resources.path("requests").path("cpu").isMissingNode()) {
            problems.add(where + ": no memory request and limit, or no CPU request");
        }
        Integer http = portNumber(container, "http");
        if (http == null || http != facts.httpPort()) {
            problems.add(where + ": container port 'http' is " + http + ", the service serves on " + facts.httpPort());
        }
        PROBE_PATHS.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            if (get.isMissingNode()) {
                problems.add(where + ": no " + probe);
                return;
            }
            if (!path.equals(get.path("path").asText())) {
                problems.add(where + ": " + probe + " asks " + get.path("path").asText() + ", not " + path);
            }
            JsonNode port = get.path("port");
            Integer number = port.isInt() ? Integer.valueOf(port.asInt()) : portNumber(container, port.asText());
            if (number == null || number != facts.managementPort()) {
                problems.add(where + ": " + probe + " asks port " + port.asText() + ", health is served on "
                        + facts.managementPort());
            }
        });
        for (JsonNode variable : container.path("env")) {
            checkVariable(variable.path("name").asText(), facts, where, problems);
        }
        for (JsonNode source : container.path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            if (configMap == null) {
                continue;
            }
            JsonNode found = find(objects, "ConfigMap", configMap);
            if (found == null) {
                problems.add(where + ": ConfigMap " + configMap + " is not in the manifests");
                continue;
            }
            found.path("data").fieldNames().forEachRemaining(key -> checkVariable(key, facts, where, problems));
        }
    }

    private static void checkVariable(String variable, ServiceFacts facts, String where, List<String> problems) {
        if (!facts.configKeys().knows(variable)) {
            problems.add(where + ": " + variable + " names no configuration key of the service");
        } else if (facts.configKeys().fixedAtBuild(variable)) {
            problems.add(where + ": " + variable + " is fixed when the service is built; setting it changes nothing");
        }
    }

    private static void checkService(JsonNode service, List<JsonNode> objects, String where, List<String> problems) {
        JsonNode selector = service.path("spec").path("selector");
        JsonNode pod = selectedPod(selector, objects);
        if (pod == null) {
            problems.add(where + ": its selector matches no pods");
            return;
        }
        JsonNode container = pod.path("spec").path("containers").path(0);
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.path("targetPort");
            if (target.isTextual() && portNumber(container, target.asText()) == null) {
                problems.add(where + ": targetPort " + target.asText() + " is no port of its pods");
            }
        }
    }

    private static void checkSelects(
            JsonNode matchLabels, boolean required, List<JsonNode> objects, String where, List<String> problems) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            if (required) {
                problems.add(where + ": no selector");
            }
            return;
        }
        if (selectedPod(matchLabels, objects) == null) {
            problems.add(where + ": its selector matches no pods");
        }
    }

    private static void checkTarget(String deployment, List<JsonNode> objects, String where, List<String> problems) {
        if (find(objects, "Deployment", deployment) == null) {
            problems.add(where + ": scales " + deployment + ", which is not in the manifests");
        }
    }

    private void checkScaledObject(JsonNode object, List<JsonNode> objects, String where, List<String> problems) {
        checkTarget(object.path("spec").path("scaleTargetRef").path("name").asText(), objects, where, problems);
        int max = object.path("spec").path("maxReplicaCount").asInt(100);
        for (JsonNode trigger : object.path("spec").path("triggers")) {
            String topic = trigger.path("metadata").path("topic").asText("");
            // A trigger without a topic counts its group's lag over every topic it reads: its consumers share
            // all their partitions, and one replica per partition of the largest topic is as far as it helps.
            int partitions = topic.isEmpty()
                    ? topicPartitions.values().stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(0)
                    : topicPartitions.getOrDefault(topic, 0);
            if (max > partitions) {
                problems.add(where + ": up to " + max + " replicas, past the " + partitions + " partitions of "
                        + (topic.isEmpty() ? "its topics" : topic) + " (idle consumers)");
            }
        }
    }

    /** A ServiceMonitor must select Governor's four Services, each with the port it scrapes. */
    private void checkServiceMonitor(JsonNode monitor, List<JsonNode> objects, String where, List<String> problems) {
        JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
        for (String name : services.keySet()) {
            JsonNode service = find(objects, "Service", name);
            if (service == null || !contains(service.path("metadata").path("labels"), selector)) {
                problems.add(where + ": does not select Service " + name);
                continue;
            }
            for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
                String port = endpoint.path("port").asText();
                boolean named = false;
                for (JsonNode servicePort : service.path("spec").path("ports")) {
                    named |= port.equals(servicePort.path("name").asText());
                }
                if (!named) {
                    problems.add(where + ": scrapes port " + port + ", which Service " + name + " does not name");
                }
            }
        }
    }

    private static JsonNode selectedPod(JsonNode matchLabels, List<JsonNode> objects) {
        for (JsonNode object : objects) {
            if (POD_TEMPLATE_KINDS.contains(object.path("kind").asText())) {
                JsonNode template = object.path("spec").path("template");
                if (contains(template.path("metadata").path("labels"), matchLabels)) {
                    return template;
                }
            }
        }
        return null;
    }

    private static boolean contains(JsonNode labels, JsonNode wanted) {
        if (wanted.isMissingNode() || wanted.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Integer portNumber(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        return null;
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText())
                        && name.equals(o.path("metadata").path("name").asText()))
                .findFirst()
                .orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
