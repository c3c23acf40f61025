package dev.governor.ingress.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ingress.reads.SoqlTemplate.ParamType;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SoqlTemplateTest {

    private static final SoqlTemplate CATALOG = new SoqlTemplate(
            "SELECT Id, Name FROM Product2 WHERE Family = :family AND IsActive = :active AND Price__c > :min"
                    + " AND LastModifiedDate > :since AND Name != 'a:literal' LIMIT 200",
            Map.of(
                    "family", ParamType.STRING,
                    "active", ParamType.BOOLEAN,
                    "min", ParamType.DECIMAL,
                    "since", ParamType.DATETIME));

    @Test
    void valuesBecomeLiteralsOfTheirType() {
        assertThat(CATALOG.render(
                        Map.of("family", "Hardware", "active", "TRUE", "min", "9.50", "since", "2026-12-01T00:00:00Z")))
                .isEqualTo("SELECT Id, Name FROM Product2 WHERE Family = 'Hardware' AND IsActive = true"
                        + " AND Price__c > 9.50 AND LastModifiedDate > 2026-12-01T00:00:00Z"
                        + " AND Name != 'a:literal' LIMIT 200");
    }

    @Test
    void textIsEscapedSoItCannotEndItsLiteral() {
        String soql = CATALOG.render(
                Map.of("family", "x' OR Name != '\\", "active", "false", "min", "1", "since", "2026-12-01T00:00:00Z"));

        assertThat(soql).contains("Family = 'x\\' OR Name != \\'\\\\' AND IsActive");
    }

    @Test
    void aValueNotOfItsTypeOrAParameterUnknownOrMissingIsRefusedByName() {
        Map<String, String> good = Map.of("family", "f", "active", "true", "min", "1", "since", "2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> CATALOG.render(with(good, "min", "1 OR 1=1"))).hasMessageContaining("min must be");
        assertThatThrownBy(() -> CATALOG.render(with(good, "active", "yes"))).hasMessageContaining("active");
        assertThatThrownBy(() -> CATALOG.render(with(good, "since", "yesterday")))
                .hasMessageContaining("since");
        assertThatThrownBy(() -> CATALOG.render(with(good, "family", "a\u0000b")))
                .hasMessageContaining("control");
        assertThatThrownBy(() -> CATALOG.render(with(good, "limit", "5"))).hasMessageContaining("no parameter limit");
        assertThatThrownBy(() -> CATALOG.render(Map.of("family", "f"))).hasMessageContaining("needs the parameter");
    }

    @Test
    void aTemplateAndItsTypesMustAgree() {
        assertThatThrownBy(() -> new SoqlTemplate("SELECT Id FROM Account WHERE Name = :name", Map.of()))
                .hasMessageContaining(":name");
        assertThatThrownBy(() -> new SoqlTemplate("SELECT Id FROM Account", Map.of("x", ParamType.ID)))
                .hasMessageContaining("does not use");
    }

    @Property(tries = 2000)
    void whateverTheTextTheQueryKeepsItsShape(@ForAll String family) {
        SoqlTemplate template = new SoqlTemplate(
                "SELECT Id FROM Product2 WHERE Family = :family LIMIT 5", Map.of("family", ParamType.STRING));
        String soql;
        try {
            soql = template.render(Map.of("family", family));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("family");
            return;
        }
        String literal =
                soql.substring("SELECT Id FROM Product2 WHERE Family = ".length(), soql.length() - " LIMIT 5".length());
        assertThat(literal).startsWith("'").endsWith("'");
        String inside = literal.substring(1, literal.length() - 1);
        // every quote inside is escaped: the literal ends only where the template says
        for (int i = 0; i < inside.length(); i++) {
            if (inside.charAt(i) == '\\') {
                assertThat(i + 1)
                        .as("a backslash escapes the character after it")
                        .isLessThan(inside.length());
                i++;
            } else {
                assertThat(inside.charAt(i)).isNotEqualTo('\'');
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(name, value);
        return copy;
    }
}
