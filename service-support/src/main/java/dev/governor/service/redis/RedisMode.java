package dev.governor.service.redis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the service's Redis is a Redis Cluster ({@code quarkus.redis.client-type=cluster}), read in one
 * place. A cluster runs a script or a pipelined batch only over keys of one hash slot, so the stores that
 * send many keys at once split their work per slot there, and send it whole to one server or a sentinel's
 * primary.
 */
@ApplicationScoped
public class RedisMode {

    private final boolean cluster;

    public RedisMode(
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.cluster = "cluster".equalsIgnoreCase(clientType.trim());
    }

    public boolean cluster() {
        return cluster;
    }
}
