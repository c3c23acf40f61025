package dev.governor.ingress.redis;

import io.vertx.mutiny.redis.client.Request;

/** A Redis command and the one key it touches, which says where it runs on a cluster. */
public record KeyedRequest(String key, Request request) {}
