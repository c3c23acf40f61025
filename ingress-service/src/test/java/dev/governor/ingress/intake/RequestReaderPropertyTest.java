package dev.governor.ingress.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.ingress.webhook.WebhookMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a caller sends, the request reader and the webhook mapping answer a record write or a
 * problem a caller can fix (4xx) — never an exception that would become a 500, never a value Salesforce
 * cannot take (an infinite number, an external id with control characters).
 */
class RequestReaderPropertyTest {

    private static final IngressConfig CONFIG = TestConfigs.ingress();
    private static final RecordRequestReader READER = new RecordRequestReader(CONFIG);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 3000)
    void aRecordRequestIsReadOrRefusedWithAProblem(@ForAll("recordBodies") String body) {
        readOrRefuse(body.getBytes(StandardCharsets.UTF_8), node -> READER.read("Account", node, "", "key-1"));
    }

    @Property(tries = 1000)
    void anyBytesAtAllAreReadOrRefusedWithAProblem(@ForAll byte[] body) {
        readOrRefuse(body, node -> READER.read("Case", node, "", "key-2"));
    }

    @Property(tries = 2000)
    void aWebhookPayloadMapsToAValidWriteOrIsRefused(
            @ForAll("values") String amount, @ForAll("texts") String orderNumber) {
        String payload = "{\"id\":\"evt_1\",\"data\":{\"object\":{\"amount\":" + amount
                + ",\"metadata\":{\"order_number\":" + orderNumber + "}}}}";
        IngressConfig.WebhookSource source = CONFIG.webhooks().get("payments");
        readOrRefuse(payload.getBytes(StandardCharsets.UTF_8), node -> {
            WebhookMapping.Result mapped = WebhookMapping.map(source, "evt_1", node);
            return mapped.record() == null ? null : READER.read(source.sobject(), mapped.record(), "", "evt_1");
        });
    }

    private interface Reading {
        RecordRequestReader.Result read(JsonNode node);
    }

    private static void readOrRefuse(byte[] body, Reading reading) {
        JsonNode node;
        try {
            node = READER.parse(body);
        } catch (Refusal refused) {
            assertThat(refused.type().status()).isBetween(400, 499);
            assertThat(refused.rejection()).isEqualTo("malformed");
            return;
        }
        RecordRequestReader.Result result = reading.read(node);
        if (result != null && result.ok()) {
            assertUsable(result.write());
        } else if (result != null) {
            assertThat(result.errors())
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.pointer()).startsWith("/"));
        }
    }

    private static void assertUsable(RecordWrite write) {
        assertThat(write.externalId())
                .isNotBlank()
                .doesNotContain("\u0000", "\n", "\r")
                .hasSizeLessThanOrEqualTo(255);
        write.fields().values().forEach(value -> {
            if (value instanceof BigDecimal d) {
                assertThat(Double.isFinite(d.doubleValue()))
                        .as("%s is finite", d)
                        .isTrue();
            } else if (value != null) {
                assertThat(value).isInstanceOfAny(String.class, Boolean.class, Long.class, BigInteger.class);
            }
        });
    }

    @Provide
    Arbitrary<String> recordBodies() {
        Arbitrary<String> record = Combinators.combine(texts(), texts(), names(), values(), names(), values())
                .as((idField, id, f1, v1, f2, v2) -> "{\"externalIdField\":" + idField + ",\"externalId\":" + id
                        + ",\"fields\":{" + f1 + ":" + v1 + "," + f2 + ":" + v2 + "}}");
        return Arbitraries.oneOf(
                record,
                record.map(r -> r.substring(0, r.length() / 2)),
                record.map(r -> "{\"records\":[" + r + "]}"),
                record.map(r -> r.replace(":", "::")));
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> numbers = Arbitraries.of(
                "1e999",
                "-1e999",
                "0.1e400",
                "1e2147483648",
                "1e-2147483649",
                "-0",
                "1E-400",
                "12345678901234567890123",
                "0.30000000000000004",
                "9".repeat(63),
                "1" + "0".repeat(70),
                "NaN",
                "Infinity",
                "01",
                "1.",
                ".5",
                "-",
                "+1",
                "0x10");
        Arbitrary<String> random = Combinators.combine(
                        Arbitraries.integers().between(-999, 999),
                        Arbitraries.integers().between(0, 99999),
                        Arbitraries.integers().between(-9999, 9999))
                .as((a, b, e) -> a + "." + b + "e" + e);
        return Arbitraries.oneOf(
                numbers,
                random,
                texts(),
                Arbitraries.of(
                        "true",
                        "false",
                        "null",
                        "[]",
                        "{}",
                        "[1,[2]]",
                        "{\"a\":{\"b\":1}}",
                        "\"\\u0000\"",
                        "\"\\ud800\""));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> plain =
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300).map(RequestReaderPropertyTest::quoted);
        Arbitrary<String> wild = Arbitraries.strings().all().ofMaxLength(40).map(RequestReaderPropertyTest::quoted);
        return Arbitraries.oneOf(
                plain, wild, Arbitraries.of("\"\"", "\"   \"", "\"A-1\\n\"", "\"A\\u0000B\"", "null", "42", "[\"x\"]"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "\"Name\"",
                        "\"AnnualRevenue\"",
                        "\"Bad Name\"",
                        "\"1abc\"",
                        "\"a__b__c\"",
                        "\"External_Id__c\"",
                        "\"\"",
                        "\"x/y~z\""),
                texts());
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            return "\"\"";
        }
    }
}
