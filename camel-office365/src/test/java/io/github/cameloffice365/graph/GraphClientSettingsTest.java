package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraphClientSettingsTest {

    @Test
    void shouldDefaultToPublicGraphWithOutlooksLimits() {
        GraphClientSettings settings = GraphClientSettings.builder().build();

        assertThat(settings.graphBaseUrl()).isEqualTo("https://graph.microsoft.com");
        assertThat(settings.tokenScope()).isEqualTo("https://graph.microsoft.com/.default");
        assertThat(settings.maxRequestsPerMailbox()).isEqualTo(4);
        assertThat(settings.maxRetries()).isEqualTo(6);
    }

    @Test
    void shouldAskForANationalCloudsOwnScope() {
        GraphClientSettings settings = GraphClientSettings.builder().graphBaseUrl("https://graph.microsoft.us/").build();

        assertThat(settings.graphBaseUrl()).isEqualTo("https://graph.microsoft.us");
        assertThat(settings.tokenScope()).isEqualTo("https://graph.microsoft.us/.default");
    }

    @Test
    void shouldAskForPublicGraphsScopeWhenAnotherHostStandsInForGraph() {
        GraphClientSettings settings = GraphClientSettings.builder().graphBaseUrl("https://127.0.0.1:9443/").build();

        assertThat(settings.graphBaseUrl()).isEqualTo("https://127.0.0.1:9443");
        assertThat(settings.tokenScope()).isEqualTo("https://graph.microsoft.com/.default");
    }

    @ParameterizedTest(name = "graphBaseUrl \"{0}\" is refused")
    @ValueSource(strings = { "graph.microsoft.com", "ftp://graph.microsoft.com", "https://graph.microsoft.com/v1.0",
                             "https://graph.microsoft.com?x=1", "https://user:pw@graph.microsoft.com", " " })
    void shouldRefuseABaseUrlThatIsNotAnOrigin(String url) {
        assertThatThrownBy(() -> GraphClientSettings.builder().graphBaseUrl(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graphBaseUrl")
                .hasMessageContaining("https://graph.microsoft.com");
    }

    @Test
    void shouldRefuseAMaximumDelayShorterThanTheBaseDelay() {
        assertThatThrownBy(() -> GraphClientSettings.builder().retryBaseDelay(Duration.ofSeconds(5))
                .retryMaxDelay(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryMaxDelay (1000 ms)")
                .hasMessageContaining("retryBaseDelay (5000 ms)");
    }

    @Test
    void shouldRefuseNegativeRetriesAndNoMailboxes() {
        assertThatThrownBy(() -> GraphClientSettings.builder().maxRetries(-1).build())
                .hasMessage("maxRetries must be 0 or more, was -1");
        assertThatThrownBy(() -> GraphClientSettings.builder().maxConcurrentMailboxes(0).build())
                .hasMessage("maxConcurrentMailboxes must be 1 or more, was 0");
    }
}
