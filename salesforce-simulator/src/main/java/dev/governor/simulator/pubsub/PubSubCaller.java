package dev.governor.simulator.pubsub;

import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.auth.Sessions;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Authenticates every Pub/Sub API call from its metadata, as a real org does: {@code accesstoken} must be
 * a live session of the simulator's OAuth (the same sessions as REST), {@code tenantid} the org's id and
 * {@code instanceurl} present. Gives each call its {@code rpcId}. The session and id ride in the gRPC
 * context for the service to read.
 */
@ApplicationScoped
@GlobalInterceptor
public class PubSubCaller implements ServerInterceptor {

    static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<Session> SESSION = Context.key("governor.simulator.pubsub.session");
    static final Context.Key<String> RPC_ID = Context.key("governor.simulator.pubsub.rpc-id");

    private final Sessions sessions;
    private final String orgId;

    public PubSubCaller(Sessions sessions, SimulatorConfig config) {
        this.sessions = sessions;
        this.orgId = config.org().id();
    }

    /** The session of the call being served. */
    public static Session session() {
        return SESSION.get();
    }

    /** The id of the call being served, as its responses and errors carry it. */
    public static String rpcId() {
        return RPC_ID.get();
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String rpcId = UUID.randomUUID().toString();
        String token = headers.get(ACCESS_TOKEN);
        String tenant = headers.get(TENANT_ID);
        String instanceUrl = headers.get(INSTANCE_URL);
        PubSubError refusal = null;
        String message = null;
        Session session = null;
        if (isBlank(token) || isBlank(tenant) || isBlank(instanceUrl)) {
            refusal = PubSubError.AUTH_HEADERS_INVALID;
            message = "Every call must carry accesstoken, instanceurl and tenantid metadata";
        } else if (!tenantMatches(tenant)) {
            refusal = PubSubError.AUTH;
            message = "The tenantid does not name this org";
        } else {
            session = sessions.find(token).orElse(null);
            if (session == null) {
                refusal = PubSubError.AUTH;
                message = "The access token is not a live session";
            }
        }
        if (refusal != null) {
            var error = refusal.exception(message, rpcId);
            call.close(error.getStatus(), error.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        Context context = Context.current().withValues(SESSION, session, RPC_ID, rpcId);
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** The 18-character org id, or its 15-character form. */
    private boolean tenantMatches(String tenant) {
        String trimmed = tenant.trim();
        return trimmed.equals(orgId) || (trimmed.length() == 15 && orgId.startsWith(trimmed));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
