package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphRequestTest {

    private static final String URL = "https://graph.microsoft.com/v1.0/users/alice@contoso.test/messages";

    @Test
    void shouldKeepMailboxAndHeadersForTheNextPage() {
        GraphRequest first = GraphRequest.forMailbox(URL, "alice@contoso.test")
                .withHeader("Prefer", "outlook.body-content-type=\"text\"");
        String nextLink = URL + "?%24skiptoken=a%3ab";

        GraphRequest next = first.withUrl(nextLink);

        assertThat(next.url()).isSameAs(nextLink);
        assertThat(next.mailbox()).isEqualTo("alice@contoso.test");
        assertThat(next.headers()).containsExactly(Map.entry("Prefer", "outlook.body-content-type=\"text\""));
    }

    @Test
    void shouldCountDirectoryRequestsUnderNoMailbox() {
        assertThat(GraphRequest.directory("https://graph.microsoft.com/v1.0/users").mailbox()).isNull();
        assertThat(new GraphRequest(URL, " ", null).mailbox()).isNull();
    }

    @ParameterizedTest(name = "header {0} is refused")
    @ValueSource(strings = { "Authorization", "authorization", "User-Agent", "Host", "client-request-id" })
    void shouldRefuseHeadersTheClientSetsItself(String name) {
        assertThatThrownBy(() -> GraphRequest.directory(URL).withHeader(name, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @ParameterizedTest(name = "URL \"{0}\" is refused")
    @ValueSource(strings = { "/v1.0/users", "https://graph.microsoft.com/v1.0/users?$filter=a eq 'b'", "mailto:x" })
    void shouldRefuseUrlsThatAreNotAbsoluteAndEncoded(String url) {
        assertThatThrownBy(() -> GraphRequest.directory(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url);
    }
}
