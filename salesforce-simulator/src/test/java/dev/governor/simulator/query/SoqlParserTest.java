package dev.governor.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.simulator.error.ApiException;
import dev.governor.simulator.query.SoqlQuery.Condition;
import dev.governor.simulator.query.SoqlQuery.Operator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SOQL subset the simulator answers, read without an org. */
class SoqlParserTest {

    @Test
    void readsEveryClauseOfTheSubset() {
        SoqlQuery query = SoqlParser.parse(
                "SELECT Id, Name FROM Account WHERE Industry = 'Energy' AND Rating != null ORDER BY Name DESC LIMIT 5");
        assertThat(query.fields()).containsExactly("Id", "Name");
        assertThat(query.object()).isEqualTo("Account");
        assertThat(query.where())
                .containsExactly(
                        new Condition("Industry", Operator.EQUALS, List.of("Energy")),
                        new Condition("Rating", Operator.NOT_EQUALS, Arrays.asList((Object) null)));
        assertThat(query.orderBy()).isEqualTo("Name");
        assertThat(query.descending()).isTrue();
        assertThat(query.limit()).isEqualTo(5);
    }

    @Test
    void keywordsInAnyCaseAndInLists() {
        SoqlQuery query =
                SoqlParser.parse("select Name from Account where External_Id__c in ('A-1', 'A-2') order by Name");
        assertThat(query.where()).containsExactly(new Condition("External_Id__c", Operator.IN, List.of("A-1", "A-2")));
        assertThat(query.descending()).isFalse();
        assertThat(query.limit()).isNull();
    }

    @Test
    void whatClientLibrariesWriteRelationshipPathsCountNotInAndRelativeDates() {
        SoqlQuery paths = SoqlParser.parse(
                "SELECT Id, Account.Name FROM Contact WHERE Account.Industry = 'Energy'" + " ORDER BY Account.Name");
        assertThat(paths.fields()).containsExactly("Id", "Account.Name");
        assertThat(paths.where().get(0).field()).isEqualTo("Account.Industry");
        assertThat(paths.orderBy()).isEqualTo("Account.Name");

        SoqlQuery count = SoqlParser.parse("SELECT count( ) FROM Account WHERE Industry NOT IN ('Banking', 'Retail')");
        assertThat(count.count()).isTrue();
        assertThat(count.fields()).isEmpty();
        assertThat(count.where())
                .containsExactly(new Condition("Industry", Operator.NOT_IN, List.of("Banking", "Retail")));

        SoqlQuery dates = SoqlParser.parse(
                "SELECT Id FROM Account WHERE CreatedDate = today AND LastModifiedDate >= LAST_N_DAYS:30");
        assertThat(dates.where())
                .extracting(c -> c.values().get(0))
                .containsExactly(new SoqlQuery.RelativeDate("TODAY", 0), new SoqlQuery.RelativeDate("LAST_N_DAYS", 30));
        assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Account WHERE CreatedDate > LAST_N_DAYS"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> SoqlParser.parse("SELECT Id FROM Account WHERE CreatedDate > TODAY:3"))
                .isInstanceOf(ApiException.class);
        assertThat(SoqlParser.parse("SELECT Count__c FROM Thing__c").fields()).containsExactly("Count__c");
    }

    @Test
    void anEscapedQuoteIsPartOfTheString() {
        SoqlQuery query = SoqlParser.parse("SELECT Name FROM Account WHERE Name = 'O\\'Brien'");
        assertThat(query.where().get(0).values()).containsExactly("O'Brien");
    }

    @Test
    void comparisonsLikeAndDateLiteralsAsIncrementalExportsWriteThem() {
        SoqlQuery query = SoqlParser.parse("SELECT Id FROM Account WHERE SystemModstamp > 2026-12-01T10:00:00Z"
                + " AND LastModifiedDate <= 2026-12-01T12:30:00.250+0200 AND Birthdate >= 1990-01-31"
                + " AND NumberOfEmployees < 50 AND Name LIKE 'Acme%'");
        assertThat(query.where())
                .containsExactly(
                        new Condition(
                                "SystemModstamp", Operator.GREATER, List.of(Instant.parse("2026-12-01T10:00:00Z"))),
                        new Condition(
                                "LastModifiedDate",
                                Operator.LESS_OR_EQUAL,
                                List.of(Instant.parse("2026-12-01T10:30:00.250Z"))),
                        new Condition("Birthdate", Operator.GREATER_OR_EQUAL, List.of(LocalDate.parse("1990-01-31"))),
                        new Condition("NumberOfEmployees", Operator.LESS, List.of(50L)),
                        new Condition("Name", Operator.LIKE, List.of("Acme%")));
    }

    @Test
    void anOffsetWithoutAColonIsTheSameInstant() {
        assertThat(SoqlParser.parse("SELECT Id FROM Account WHERE SystemModstamp >= 2026-12-01T11:00:00+0100")
                        .where()
                        .get(0)
                        .values())
                .containsExactly(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "SELECT FROM Account",
                "SELECT Name Account",
                "SELECT Name FROM Account WHERE",
                "SELECT Name FROM Account WHERE Name = 'open",
                "SELECT Name FROM Account LIMIT many",
                "SELECT Name FROM Account GROUP BY Name",
                "DELETE FROM Account",
                "SELECT Name FROM Account WHERE Name LIKE 5",
                "SELECT Name FROM Account WHERE CreatedDate > 2026-13-45",
                "SELECT Name FROM Account WHERE Name =< 'x'"
            })
    void anythingElseIsAMalformedQuery(String soql) {
        assertThatThrownBy(() -> SoqlParser.parse(soql)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors().get(0).code()).isEqualTo("MALFORMED_QUERY");
        });
    }
}
