package dev.governor.ingress.reads;

import dev.governor.ingress.reads.SoqlTemplate.ParamType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cached reads of Salesforce data: which objects and named queries the ingress serves, and how long an answer
 * is fresh. Only what is named here is served.
 */
@ConfigMapping(prefix = "governor.ingress.reads")
public interface ReadsConfig {

    /** Objects served by Id and by External ID ({@code governor.ingress.reads.objects.Account.fields=Name,…}). */
    Map<String, ReadObject> objects();

    /** Named SOQL queries ({@code GET /v1/queries/{name}?param=…}). */
    Map<String, NamedQuery> queries();

    /** How long "no such record" is remembered. */
    @WithDefault("30S")
    Duration notFoundTtl();

    /**
     * How long past its time a cached answer may still be served, marked stale, while Salesforce cannot be
     * asked (the budget held, the circuit open, an outage).
     */
    @WithDefault("1H")
    Duration staleIfError();

    /** How long a read waits for another replica's call for the same answer before it asks Salesforce itself. */
    @WithDefault("5S")
    Duration singleFlightWait();

    /** Result pages a named query may follow (one API call each). */
    @WithDefault("5")
    int maxQueryPages();

    interface ReadObject {

        /** The fields an answer holds when the caller names none. */
        List<String> fields();

        /** The fields a caller may ask for with {@code fields=}; by default the same as {@code fields}. */
        Optional<List<String>> allowedFields();

        /** How long an answer is fresh. */
        @WithDefault("5M")
        Duration ttl();
    }

    interface NamedQuery {

        /** The SOQL, with {@code :name} placeholders for the parameters. */
        String soql();

        /** The object the query reads: a change to any of its records makes the cached answers stale. */
        String object();

        /** Each placeholder's type. */
        Map<String, ParamType> params();

        /** How long an answer is fresh. */
        @WithDefault("5M")
        Duration ttl();
    }
}
