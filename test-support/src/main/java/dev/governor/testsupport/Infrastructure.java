package dev.governor.testsupport;

/**
 * The pieces of real infrastructure the local stack runs (and the Salesforce simulator standing in for
 * the org), with the environment variable that moves
 * each one's port and the port it has by default (the same defaults as {@code deploy/local/stack}).
 */
public enum Infrastructure {
    KAFKA("kafka", "GOVERNOR_KAFKA_PORT", 19092),
    REDIS("redis", "GOVERNOR_REDIS_PORT", 16379),
    S3("s3", "GOVERNOR_S3_PORT", 19000),
    /** The OIDC issuer of callers' tokens. */
    OIDC("oidc", "GOVERNOR_OIDC_PORT", 18080),
    /** The MQTT broker (Mosquitto) the event bridge's MQTT routes read from. */
    MQTT("mqtt", "GOVERNOR_MQTT_PORT", 11883),
    /** The Salesforce simulator, run from its packaged jar like a user runs it; its Pub/Sub API has its own port. */
    SIMULATOR("simulator", "GOVERNOR_SIMULATOR_PORT", 8090, null, "GOVERNOR_SIMULATOR_PUBSUB_PORT"),
    /** The ingress service as its own process, for tests that kill and restart it. */
    INGRESS("ingress", "GOVERNOR_INGRESS_PORT", 8080, "GOVERNOR_INGRESS_MANAGEMENT_PORT"),
    /** The delivery service as its own process, for tests that kill and restart it. */
    DELIVERY("delivery", "GOVERNOR_DELIVERY_PORT", 8081, "GOVERNOR_DELIVERY_MANAGEMENT_PORT"),
    /** The event bridge as its own process, for tests that kill it and run replicas. */
    EVENT_BRIDGE("event-bridge", "GOVERNOR_EVENT_BRIDGE_PORT", 8082, "GOVERNOR_EVENT_BRIDGE_MANAGEMENT_PORT"),
    /** The archive as its own process, for tests that kill it under load. */
    ARCHIVE("archive", "GOVERNOR_ARCHIVE_PORT", 8083, "GOVERNOR_ARCHIVE_MANAGEMENT_PORT");

    private final String component;
    private final String portVariable;
    private final int defaultPort;
    private final String managementPortVariable;
    private final String pubSubPortVariable;

    Infrastructure(String component, String portVariable, int defaultPort) {
        this(component, portVariable, defaultPort, null);
    }

    Infrastructure(String component, String portVariable, int defaultPort, String managementPortVariable) {
        this(component, portVariable, defaultPort, managementPortVariable, null);
    }

    Infrastructure(
            String component,
            String portVariable,
            int defaultPort,
            String managementPortVariable,
            String pubSubPortVariable) {
        this.component = component;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.managementPortVariable = managementPortVariable;
        this.pubSubPortVariable = pubSubPortVariable;
    }

    /** For the simulator: the environment variable the stack script reads its Pub/Sub API port from; else null. */
    public String pubSubPortVariable() {
        return pubSubPortVariable;
    }

    /** The shared stack's Pub/Sub API port (the simulator's): the environment's choice, or 7443. */
    public static int sharedPubSubPort() {
        String value = System.getenv(SIMULATOR.pubSubPortVariable);
        return value == null || value.isBlank() ? 7443 : Integer.parseInt(value.trim());
    }

    /**
     * For a Governor service: the environment variable the stack script reads the port of its management
     * interface (health, metrics, OpenAPI) from; null for the rest, whose one port serves everything.
     */
    public String managementPortVariable() {
        return managementPortVariable;
    }

    /** The component name the stack script knows it by. */
    public String component() {
        return component;
    }

    /** The environment variable the stack script reads this component's port from. */
    public String portVariable() {
        return portVariable;
    }

    /** The port of the shared local stack: the environment's choice, or the default. */
    public int sharedPort() {
        String value = System.getenv(portVariable);
        return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.trim());
    }

    public static Infrastructure byComponent(String component) {
        for (Infrastructure infrastructure : values()) {
            if (infrastructure.component.equals(component.trim())) {
                return infrastructure;
            }
        }
        throw new IllegalArgumentException("Unknown infrastructure component '" + component + "'");
    }
}
