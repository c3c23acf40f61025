package dev.governor.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' built-in kinds read into Kubernetes' own Java types (fabric8's model): a value of the wrong
 * type fails to read, and a field the API does not have lands in a type's "additional properties", which
 * this reports with its path. (Custom resources — Strimzi's, KEDA's — are checked against their schemas by
 * deploy/kubernetes/check.)
 */
final class KnownFields {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private KnownFields() {}

    static List<String> problems(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String type = object.path("apiVersion").asText() + "/"
                    + object.path("kind").asText();
            Class<?> model = TYPES.get(type);
            if (model == null) {
                continue;
            }
            String where = object.path("kind").asText() + " "
                    + object.path("metadata").path("name").asText();
            try {
                unknown(JSON.treeToValue(object, model), "", where, problems);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                problems.add(where + ": not a valid " + type + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    private static void unknown(Object value, String path, String where, List<String> problems) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown(item, path + "[" + i++ + "]", where, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknown(item, path + "." + key, where, problems));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if ("getAdditionalProperties".equals(getter.getName())) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": " + (path.isEmpty() ? "." : path) + " has no field " + extra.keySet());
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            unknown(field, path + "." + name, where, problems);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
