package dev.governor.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ingress's own settings. Each key can be set from the environment (GOVERNOR_INGRESS_…). */
@ConfigMapping(prefix = "governor.ingress")
public interface IngressConfig {

    Idempotency idempotency();

    Records records();

    Auth auth();

    /** Seconds a caller is told to wait ({@code Retry-After}) when the ingress cannot take a request. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** Requests handled at once; beyond it the ingress sheds load with 503 rather than queueing without bound. */
    @WithDefault("2000")
    int maxInFlight();

    /** Webhook sources by name ({@code POST /v1/webhooks/{source}}). */
    Map<String, WebhookSource> webhooks();

    /**
     * What each bearer-token caller, by its token's {@code sub}, may write. A caller not named here may
     * write nothing: access is granted, never assumed.
     */
    Map<String, CallerGrant> callers();

    /** The objects (and, if named, the External ID fields) one caller may write. */
    interface CallerGrant {

        /**
         * sObject API names the caller may write. Salesforce's setup objects (users, profiles, permission
         * sets, groups, sharing) are refused to everyone unless named here.
         */
        List<String> objects();

        /** External ID fields the caller may match records on; when unset, any External ID field of its objects. */
        Optional<List<String>> externalIdFields();
    }

    interface Idempotency {
        /** How long a completed request's key and answer are kept; a replay within it gets the same answer. */
        @WithDefault("24H")
        Duration ttl();

        /** How long a key stays claimed by a request still in progress (a crashed ingress frees it then). */
        @WithDefault("30S")
        Duration inFlightTtl();

        /** Longest accepted Idempotency-Key. */
        @WithDefault("255")
        int maxKeyLength();

        /**
         * What to do with a write while Redis is unreachable: REFUSE it with 503 (the default: a retry
         * could not be recognised), or ACCEPT it unchecked — buffered with its key, relying on the upsert
         * by external id alone to keep Salesforce free of duplicates.
         */
        @WithDefault("REFUSE")
        WhenKeyStoreDown whenKeyStoreDown();
    }

    interface Auth {
        /**
         * How long a verified bearer token is remembered (never past its own {@code exp}), so that a
         * caller's next requests skip the signature check; 0 verifies every request.
         */
        @WithDefault("5M")
        Duration verifiedTokenMaxAge();

        /** Most verified tokens remembered at once; beyond it new tokens are verified on every request. */
        @WithDefault("4096")
        int verifiedTokenCapacity();
    }

    enum WhenSchemaUnavailable {
        ACCEPT,
        REFUSE
    }

    enum WhenKeyStoreDown {
        REFUSE,
        ACCEPT
    }

    interface Records {
        /** Records in one batch request. */
        @WithDefault("500")
        int maxBatchSize();

        /** Fields in one record. */
        @WithDefault("500")
        int maxFields();

        /** Longest accepted request body, in bytes (413 beyond it). */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** How long request status is kept after the last change. */
        @WithDefault("7D")
        Duration statusTtl();

        /**
         * Hashes per day that the index of writes by record shares its entries over; each stays packed in
         * Redis while it holds up to {@code hash-max-listpack-entries} (128) entries, so the default keeps
         * the index compact up to about half a million accepted writes a day.
         */
        @WithDefault("4096")
        int indexBuckets();

        /**
         * While the org's description of an object cannot be had (the org unreachable, the budget held) and
         * none is cached: ACCEPT writes checked only for shape (delivery still isolates what the org then
         * refuses), or REFUSE them with 503 until the description is at hand.
         */
        @WithDefault("ACCEPT")
        WhenSchemaUnavailable whenSchemaUnavailable();

        /**
         * Per sObject, the External ID field that receives the Idempotency-Key when a caller creates a
         * record without a business key of its own (a case opened from a webhook, say).
         */
        Map<String, String> keyExternalIdField();
    }

    /** A webhook source: how its deliveries are signed and how a payload becomes a record write. */
    interface WebhookSource {
        /** {@code github} ({@code X-Hub-Signature-256: sha256=<hex>}) or {@code stripe} ({@code t=…,v1=<hex>}). */
        SignatureScheme scheme();

        /** Shared secrets; any one verifies, so a secret can rotate with two valid at once. */
        List<String> secrets();

        /** The signature header; default by scheme. */
        Optional<String> signatureHeader();

        /** How old a signed timestamp may be (Stripe-style signatures). */
        @WithDefault("5M")
        Duration tolerance();

        /**
         * For a scheme that signs no timestamp (GitHub-style): how long a delivery's content is remembered.
         * Its idempotency key is the digest of the signed body, not the unsigned delivery id header, so a
         * captured body sent again under any delivery id within this window gets the original answer and
         * buffers nothing.
         */
        @WithDefault("30D")
        Duration replayWindow();

        /** Header carrying the delivery id, used as the idempotency key (e.g. {@code X-GitHub-Delivery}). */
        Optional<String> deliveryIdHeader();

        /** JSON pointer to the delivery id in the payload, where the source sends no header (e.g. {@code /id}). */
        Optional<String> deliveryIdPointer();

        /** The sObject a delivery becomes. */
        String sobject();

        /** The External ID field of the record. */
        String externalIdField();

        /** JSON pointer to the business key; absent: the delivery id is the external id. */
        Optional<String> externalIdPointer();

        /** Field API name → JSON pointer into the payload. */
        Map<String, String> fields();
    }

    enum SignatureScheme {
        GITHUB,
        STRIPE
    }
}
