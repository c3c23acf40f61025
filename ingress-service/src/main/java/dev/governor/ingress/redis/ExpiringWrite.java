package dev.governor.ingress.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;

/** One value the ingress keeps for a while: {@code SET key value PX ttl}, sent with others in a pipeline. */
public record ExpiringWrite(String key, String value, Duration ttl) {

    Request request() {
        return Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(ttl.toMillis());
    }
}
