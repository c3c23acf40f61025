package dev.governor.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/** The Quarkus configuration that points a service at a stack's Kafka, Redis, S3, MQTT broker and simulator. */
public final class StackConfig {

    /** The local S3 server's development credentials; the stack script uses the same defaults. */
    public static final String S3_ACCESS_KEY = envOr("GOVERNOR_S3_ACCESS_KEY", "governor");

    public static final String S3_SECRET_KEY = envOr("GOVERNOR_S3_SECRET_KEY", "governor-local-secret");

    private StackConfig() {}

    /**
     * @param runDir the stack's run folder, where the simulator's connected-app key pair lives
     */
    public static Map<String, String> forPorts(
            ToIntFunction<Infrastructure> port, Set<Infrastructure> components, java.nio.file.Path runDir) {
        return forPorts(port, Infrastructure.sharedPubSubPort(), components, runDir, Map.of());
    }

    /**
     * @param pubSubPort the simulator's Pub/Sub API port
     * @param runDir     the stack's run folder, where the simulator's connected-app key pair lives
     * @param environment the stack script's environment (a Redis Cluster's node ports, when it has them)
     */
    public static Map<String, String> forPorts(
            ToIntFunction<Infrastructure> port,
            int pubSubPort,
            Set<Infrastructure> components,
            java.nio.file.Path runDir,
            Map<String, String> environment) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.devservices.enabled", "false");
        for (Infrastructure component : components) {
            int p = port.applyAsInt(component);
            switch (component) {
                case KAFKA -> config.put("kafka.bootstrap.servers", "127.0.0.1:" + p);
                case REDIS -> config.putAll(RedisTopology.quarkusConfig(RedisTopology.nodePorts(p, environment)));
                case S3 -> {
                    config.put("governor.s3.endpoint", "http://127.0.0.1:" + p);
                    config.put("governor.s3.access-key", S3_ACCESS_KEY);
                    config.put("governor.s3.secret-key", S3_SECRET_KEY);
                }
                case OIDC -> config.put("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + p + "/governor");
                case MQTT -> {
                    config.put("governor.bridge.mqtt.host", "127.0.0.1");
                    config.put("governor.bridge.mqtt.port", Integer.toString(p));
                }
                case SIMULATOR -> {
                    config.put("governor.salesforce.login-url", "http://127.0.0.1:" + p);
                    config.put(
                            "governor.salesforce.jwt-key-file",
                            runDir.resolve("credentials/governor-jwt-private.pem")
                                    .toString());
                    config.put("quarkus.oidc-client.salesforce.client-enabled", "true");
                    config.put("governor.salesforce.pubsub.host", "127.0.0.1");
                    config.put("governor.salesforce.pubsub.port", Integer.toString(pubSubPort));
                    config.put("governor.salesforce.pubsub.plaintext", "true");
                }
                case INGRESS, DELIVERY, EVENT_BRIDGE, ARCHIVE -> {
                    // Services run as processes of the stack; nothing of theirs to configure in the test's service.
                }
            }
        }
        return config;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
