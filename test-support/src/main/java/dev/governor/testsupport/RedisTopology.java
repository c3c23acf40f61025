package dev.governor.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether the stacks run Redis as one server or, with {@code GOVERNOR_REDIS_TOPOLOGY=cluster}, as a Redis
 * Cluster of three primaries and three replicas, as {@code deploy/local/stack} does; and how a service is
 * pointed at either. The same tests run against both.
 */
public final class RedisTopology {

    /** A cluster's nodes: three primaries and a replica of each. */
    public static final int CLUSTER_NODES = 6;

    private static final String CLUSTER_PORTS = "GOVERNOR_REDIS_CLUSTER_PORTS";
    private static final String CLUSTER_BUS_PORTS = "GOVERNOR_REDIS_CLUSTER_BUS_PORTS";

    private RedisTopology() {}

    public static boolean cluster() {
        return "cluster".equals(System.getenv("GOVERNOR_REDIS_TOPOLOGY"));
    }

    /**
     * The client ports of a stack's Redis whose first port is {@code redisPort}: that one alone, or the
     * cluster's six nodes (the environment's list, else the port and the five above it, as the script has it).
     */
    public static List<Integer> nodePorts(int redisPort, Map<String, String> environment) {
        if (!cluster()) {
            return List.of(redisPort);
        }
        String listed = environment.getOrDefault(CLUSTER_PORTS, System.getenv(CLUSTER_PORTS));
        if (listed != null && !listed.isBlank()) {
            return Arrays.stream(listed.split("[, ]+")).map(Integer::parseInt).toList();
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < CLUSTER_NODES; i++) {
            ports.add(redisPort + i);
        }
        return ports;
    }

    /** What a private stack adds to its environment for a cluster: its nodes' and their buses' free ports. */
    public static void choosePorts(
            int redisPort, Map<String, String> environment, java.util.function.IntSupplier freePort) {
        if (!cluster()) {
            return;
        }
        List<Integer> nodes = new ArrayList<>(List.of(redisPort));
        List<Integer> buses = new ArrayList<>();
        while (nodes.size() < CLUSTER_NODES) {
            nodes.add(freePort.getAsInt());
        }
        while (buses.size() < CLUSTER_NODES) {
            buses.add(freePort.getAsInt());
        }
        environment.put(CLUSTER_PORTS, join(nodes));
        environment.put(CLUSTER_BUS_PORTS, join(buses));
    }

    /** The Quarkus Redis client's configuration for these nodes. */
    public static Map<String, String> quarkusConfig(List<Integer> nodePorts) {
        String hosts = nodePorts.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
        return Map.of("quarkus.redis.hosts", hosts, "quarkus.redis.client-type", cluster() ? "cluster" : "standalone");
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
