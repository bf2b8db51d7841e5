package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class GraphUrlTest {

    private static final String BASE = "https://graph.microsoft.com";

    @Test
    void shouldEncodeSpacesAsPercent20AndKeepSingleQuotesInAFilter() {
        String url = GraphUrl.of(BASE).path("v1.0/users")
                .query("$select", "id,userPrincipalName,mail")
                .query("$filter", "department eq 'Finance'")
                .build();

        assertThat(url).isEqualTo(
                "https://graph.microsoft.com/v1.0/users?$select=id,userPrincipalName,mail&$filter=department%20eq%20'Finance'");
        assertThat(URI.create(url).getQuery()).isEqualTo("$select=id,userPrincipalName,mail&$filter=department eq 'Finance'");
    }

    @Test
    void shouldKeepDateLiteralsReadableAndEncodeAPlusSign() {
        String url = GraphUrl.of(BASE).path("v1.0/users").segment("alice@contoso.test").path("messages")
                .query("$filter", "receivedDateTime ge 2024-03-01T00:00:00Z and subject eq 'a+b & c=d #1'")
                .build();

        assertThat(url).isEqualTo("https://graph.microsoft.com/v1.0/users/alice@contoso.test/messages"
                + "?$filter=receivedDateTime%20ge%202024-03-01T00:00:00Z%20and%20subject%20eq%20'a%2Bb%20%26%20c%3Dd%20%231'");
    }

    @Test
    void shouldEncodeCharactersOfAPathSegmentThatWouldChangeThePath() {
        String url = GraphUrl.of(BASE + "/").path("/v1.0/groups/").segment("a/b?c#d e%").path("transitiveMembers").build();

        assertThat(url).isEqualTo("https://graph.microsoft.com/v1.0/groups/a%2Fb%3Fc%23d%20e%25/transitiveMembers");
    }

    @Test
    void shouldEncodeNonAsciiCharactersAsUtf8() {
        String url = GraphUrl.of(BASE).path("v1.0/users").query("$filter", "city eq 'Zürich'").build();

        assertThat(url).endsWith("$filter=city%20eq%20'Z%C3%BCrich'");
    }

    @Test
    void shouldKeepTheBasePortAndDropATrailingSlash() {
        assertThat(GraphUrl.of("https://127.0.0.1:8443/").path("v1.0/users").build())
                .isEqualTo("https://127.0.0.1:8443/v1.0/users");
    }

    @Test
    void shouldRefuseValuesInAFixedPath() {
        assertThatThrownBy(() -> GraphUrl.of(BASE).path("v1.0/users/" + "bob smith"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment()");
    }

    @Test
    void shouldRefusePathPartsAfterTheQuery() {
        assertThatThrownBy(() -> GraphUrl.of(BASE).path("v1.0/users").query("$top", "10").path("messages"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseABaseUrlWithAPath() {
        assertThatThrownBy(() -> GraphUrl.of("https://graph.microsoft.com/v1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graphBaseUrl 'https://graph.microsoft.com/v1.0'")
                .hasMessageContaining("without a path");
    }
}
