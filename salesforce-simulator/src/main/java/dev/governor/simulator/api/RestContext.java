package dev.governor.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.auth.Session;
import dev.governor.simulator.cdc.ChangeAuthor;
import dev.governor.simulator.cdc.ChangeTransaction;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** What REST resources share: the caller's session and API version, body parsing, and object lookup. */
@ApplicationScoped
public class RestContext {

    private static final String OPEN_TRANSACTION = "governor.simulator.change-transaction";

    private final OrgModel org;
    private final ObjectMapper json;
    private final SimulatorConfig config;

    public RestContext(OrgModel org, ObjectMapper json, SimulatorConfig config) {
        this.org = org;
        this.json = json;
        this.config = config;
    }

    public Session session(RoutingContext rc) {
        return rc.get(ApiGate.SESSION);
    }

    /**
     * The change transaction a write of this request joins: the composite request's when it is part of
     * one, else one that ends with the write call.
     */
    public ChangeTransaction transaction(RoutingContext rc) {
        ChangeTransaction open = rc.get(OPEN_TRANSACTION);
        return open != null ? open : ChangeTransaction.ofOneCall(author(rc));
    }

    /** Opens a transaction that every write of this request joins until the caller commits it. */
    public ChangeTransaction openTransaction(RoutingContext rc) {
        ChangeTransaction transaction = ChangeTransaction.spanningCalls(author(rc));
        rc.put(OPEN_TRANSACTION, transaction);
        return transaction;
    }

    private ChangeAuthor author(RoutingContext rc) {
        Session session = session(rc);
        return new ChangeAuthor(session.clientId(), session.userId(), "rest", version(rc));
    }

    public String version(RoutingContext rc) {
        return rc.get(ApiGate.VERSION);
    }

    /** The object, or 404 NOT_FOUND as Salesforce answers for an unknown sObject. */
    public SObjectDefinition object(String name) {
        return org.object(name).orElseThrow(ApiException::notFound);
    }

    /** An External ID field of the object, or 404 NOT_FOUND. */
    public FieldDefinition externalIdField(SObjectDefinition object, String name) {
        return object.field(name)
                .filter(FieldDefinition::externalId)
                .orElseThrow(() -> new ApiException(
                        404,
                        ApiError.of(
                                "NOT_FOUND",
                                "Provided external ID field does not exist or is not accessible: " + name)));
    }

    /** Parses a JSON body; malformed JSON is 400 JSON_PARSER_ERROR, as in Salesforce. */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", "The request body is empty");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("JSON_PARSER_ERROR", e.getOriginalMessage());
        }
    }

    public OrgModel org() {
        return org;
    }

    /** Whether an upsert that updates answers 200 with a body (newer versions) or 204 without one. */
    public boolean updateAnswersWithBody(String version) {
        return Double.parseDouble(version) >= Double.parseDouble(config.org().upsertUpdateBodyFromVersion());
    }
}
