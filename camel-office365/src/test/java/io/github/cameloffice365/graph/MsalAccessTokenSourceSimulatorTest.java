package io.github.cameloffice365.graph;

import static io.github.cameloffice365.graph.SimulatedTenant.ALICE;
import static io.github.cameloffice365.graph.SimulatedTenant.CLIENT_ID;
import static io.github.cameloffice365.graph.SimulatedTenant.CLIENT_SECRET;
import static io.github.cameloffice365.graph.SimulatedTenant.TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from the simulator's token endpoint through msal4j: caching, sharing, renewal, errors, certificates. */
class MsalAccessTokenSourceSimulatorTest {

    private static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private static SimulatedTenant graph;

    @BeforeAll
    static void startSimulator() {
        graph = SimulatedTenant.start(tenant -> tenant.user(SimulatedTenant.member(ALICE, "alice@contoso.test"))
                .messages(ALICE, SimulatedTenant.messages(5)));
    }

    @AfterAll
    static void stopSimulator() {
        graph.close();
    }

    @BeforeEach
    void reset() {
        graph.simulator().reset();
    }

    @Test
    void shouldAskForOneTokenForManyGraphCalls() throws Exception {
        GraphClient client = new GraphClient(graph.settings().build(), graph.tokens());
        String url = GraphUrl.of(graph.baseUrl()).path("v1.0/users").segment(ALICE).path("messages")
                .query("$top", "1").build();

        List<String> ids = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            client.forEachItem(GraphRequest.forMailbox(url, ALICE), item -> ids.add(item.path("id").asText()));
        }

        assertThat(ids).hasSize(20);
        assertThat(graph.graphRequests()).hasSize(20);
        assertThat(graph.tokenRequests()).hasSize(1);
    }

    @Test
    void shouldShareOneTokenRequestBetweenConcurrentCallers() throws Exception {
        MsalAccessTokenSource tokens = graph.tokens();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(threads.submit(() -> {
                    go.await();
                    return tokens.accessToken(GRAPH_SCOPE);
                }));
            }
            go.countDown();
            Set<String> distinct = new java.util.HashSet<>();
            for (Future<String> call : calls) {
                distinct.add(call.get(30, TimeUnit.SECONDS));
            }

            assertThat(distinct).hasSize(1);
            assertThat(graph.tokenRequests()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldRenewTheTokenFiveMinutesBeforeItExpires() {
        ManualClock clock = new ManualClock(Instant.now());
        MsalAccessTokenSource tokens = graph.tokenBuilder().clock(clock).build();

        tokens.accessToken(GRAPH_SCOPE);
        clock.advance(Duration.ofMinutes(54));
        tokens.accessToken(GRAPH_SCOPE);
        assertThat(graph.tokenRequests()).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        tokens.accessToken(GRAPH_SCOPE);
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void shouldKeepATokenPerScope() {
        MsalAccessTokenSource tokens = graph.tokens();

        String graphToken = tokens.accessToken(GRAPH_SCOPE);
        String storageToken = tokens.accessToken("https://storage.azure.com/.default");

        assertThat(graphToken).isNotEqualTo(storageToken);
        assertThat(tokens.accessToken(GRAPH_SCOPE)).isEqualTo(graphToken);
        assertThat(graph.tokenRequests()).hasSize(2);
    }

    @Test
    void shouldNameAuthorityClientIdAndErrorCodeButNeverTheSecret() {
        String wrongSecret = "wrong-secret-that-must-not-leak-42";
        MsalAccessTokenSource tokens = graph.tokenBuilder().clientSecret(wrongSecret).build();

        assertThatThrownBy(() -> tokens.accessToken(GRAPH_SCOPE))
                .isInstanceOfSatisfying(AccessTokenException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrongSecret, CLIENT_SECRET);
                    }
                })
                .hasMessageStartingWith("Could not get an access token for scope " + GRAPH_SCOPE + " from "
                        + graph.simulator().authority() + " for client id " + CLIENT_ID + ": msal error invalid_client");
    }

    @Test
    void shouldNameAnUnknownClientId() {
        MsalAccessTokenSource tokens = graph.tokenBuilder().clientId("00000000-dead-4000-8000-000000000000").build();

        assertThatThrownBy(() -> tokens.accessToken(GRAPH_SCOPE))
                .isInstanceOf(AccessTokenException.class)
                .hasMessageContaining("for client id 00000000-dead-4000-8000-000000000000")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void shouldNotLogTokensOrSecrets() throws Exception {
        graph.simulator().faults().on("GET", "/v1.0/users/{id}/messages").respond(503);
        MsalAccessTokenSource tokens = graph.tokens();
        ManualClock clock = new ManualClock(Instant.now());
        GraphClient client = new GraphClient(graph.settings().clock(clock).sleeper(clock).build(), tokens);
        String url = GraphUrl.of(graph.baseUrl()).path("v1.0/users").segment(ALICE).path("messages")
                .query("$top", "2").build();

        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs("io.github.cameloffice365")) {
            client.forEachItem(GraphRequest.forMailbox(url, ALICE), item -> { });
            lines = logs.lines();
        }

        String token = tokens.accessToken(GRAPH_SCOPE);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("DEBUG").contains("retry 1 of 6"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("TRACE").contains("2 items"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Got an access token"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(token, CLIENT_SECRET, "Bearer"));
    }

    @Test
    void shouldGetATokenWithAPkcs12Certificate(@TempDir Path folder) throws Exception {
        Path certificate = folder.resolve("extractor.p12");
        graph.simulator().writeClientCertificate(certificate, "pfx-password".toCharArray());
        MsalAccessTokenSource tokens = MsalAccessTokenSource.builder().authorityHost(graph.simulator().authorityHost())
                .tenantId(TENANT_ID).clientId(CLIENT_ID).certificate(certificate, "pfx-password")
                .sslContext(graph.simulator().sslContext()).build();
        GraphClient client = new GraphClient(graph.settings().build(), tokens);

        var user = client.getObject(GraphRequest.directory(GraphUrl.of(graph.baseUrl()).path("v1.0/users")
                .segment(ALICE).build()));

        assertThat(user.path("id").asText()).isEqualTo(ALICE);
        assertThat(graph.tokenRequests()).hasSize(1);
    }

    @Test
    void shouldRefuseACertificateWithTheWrongPasswordWhenBuilt(@TempDir Path folder) throws Exception {
        Path certificate = folder.resolve("extractor.p12");
        graph.simulator().writeClientCertificate(certificate, "pfx-password".toCharArray());

        assertThatThrownBy(() -> graph.tokenBuilder().clientSecret(null).certificate(certificate, "not-the-password")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servicePrincipalCertificatePath '" + certificate + "'")
                .hasMessageNotContaining("not-the-password");
    }
}
