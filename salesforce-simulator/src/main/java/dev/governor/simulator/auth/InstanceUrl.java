package dev.governor.simulator.auth;

import dev.governor.simulator.SimulatorConfig;
import io.vertx.core.http.HttpServerRequest;

/** The instance URL sessions are handed: the configured one, or the scheme and host the request came to. */
public final class InstanceUrl {

    private InstanceUrl() {}

    public static String of(SimulatorConfig config, HttpServerRequest request) {
        return config.org()
                .instanceUrl()
                .filter(u -> !u.isBlank())
                .orElseGet(() -> request.scheme() + "://"
                        + (request.getHeader("Host") != null ? request.getHeader("Host") : "localhost"));
    }
}
