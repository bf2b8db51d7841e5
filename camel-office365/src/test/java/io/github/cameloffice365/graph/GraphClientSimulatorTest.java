package io.github.cameloffice365.graph;

import static io.github.cameloffice365.graph.SimulatedTenant.ALICE;
import static io.github.cameloffice365.graph.SimulatedTenant.BOB;
import static io.github.cameloffice365.graph.SimulatedTenant.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cameloffice365.scope.MailboxSkipReason;
import io.github.cameloffice365.simulator.RecordedRequest;

/** The Graph client against the Graph simulator: paging (P1, P3), retries and throttling (T1, T2, T3). */
class GraphClientSimulatorTest {

    private static final String ONPREM = "c0000000-0000-4000-8000-000000000003";
    private static final String MESSAGES = "/v1.0/users/{id}/messages";

    private static SimulatedTenant graph;
    private static MsalAccessTokenSource tokens;

    @BeforeAll
    static void startSimulator() {
        graph = SimulatedTenant.start(tenant -> tenant
                .user(SimulatedTenant.member(ALICE, "alice@contoso.test"))
                .user(SimulatedTenant.member(BOB, "bob@contoso.test"))
                .user(SimulatedTenant.user(ONPREM, "olga@contoso.test", "Finance", "Member", "onPremises"))
                .messages(ALICE, SimulatedTenant.messages(3))
                .messages(BOB, SimulatedTenant.messages(1)));
        tokens = graph.tokens();
    }

    @AfterAll
    static void stopSimulator() {
        graph.close();
    }

    @BeforeEach
    void resetSimulator() {
        graph.simulator().reset();
    }

    private GraphClient client(ManualClock clock, int maxRetries) {
        return new GraphClient(graph.settings().clock(clock).sleeper(clock).maxRetries(maxRetries).build(), tokens);
    }

    private static String messagesUrl(String user, int top) {
        return GraphUrl.of(graph.baseUrl()).path("v1.0/users").segment(user).path("messages")
                .query("$select", "id,subject").query("$top", String.valueOf(top)).build();
    }

    private static List<String> idsOf(GraphClient client, GraphRequest request) throws IOException {
        List<String> ids = new ArrayList<>();
        client.forEachItem(request, item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private List<RecordedRequest> messageRequests() {
        return graph.graphRequests().stream().filter(request -> request.path().endsWith("/messages")).toList();
    }

    @Test
    void shouldFollowTheNextLinkByteForByte() throws IOException {
        GraphClient client = client(new ManualClock(Instant.now()), 0);

        List<String> ids = idsOf(client, GraphRequest.forMailbox(messagesUrl("alice@contoso.test", 2), ALICE));

        assertThat(ids).containsExactly("m1", "m2", "m3");
        List<RecordedRequest> requests = messageRequests();
        assertThat(requests).hasSize(2);
        // the simulator answers 400 to anything but the issued link, so a second page means the link was kept as is
        assertThat(requests.get(1).rawQuery()).contains("$skiptoken=").contains("%3a");
        assertThat(requests.get(1).rawQuery()).startsWith("$select=id,subject&$top=2&");
    }

    @Test
    void shouldGoOnPastEmptyPagesUntilThereIsNoNextLink() throws IOException {
        graph.simulator().scriptPages(MESSAGES, List.of(List.of(), List.of(), List.of(item("x1"), item("x2"))));
        GraphClient client = client(new ManualClock(Instant.now()), 0);

        List<String> ids = idsOf(client, GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE));

        assertThat(ids).containsExactly("x1", "x2");
        assertThat(messageRequests()).hasSize(3);
    }

    @Test
    void shouldSendTheExtraHeadersWithEveryPage() throws IOException {
        GraphClient client = client(new ManualClock(Instant.now()), 0);
        GraphRequest request = GraphRequest.forMailbox(messagesUrl(ALICE, 2), ALICE)
                .withHeader("Prefer", "outlook.body-content-type=\"text\"");

        idsOf(client, request);

        assertThat(messageRequests()).hasSize(2).allSatisfy(recorded ->
                assertThat(recorded.header("Prefer")).contains("outlook.body-content-type=\"text\""));
    }

    @Test
    void shouldRetryA429WithContentLengthOnceAndNoSoonerThanItsRetryAfter() throws IOException {
        graph.simulator().scriptPages(MESSAGES, List.of(List.of(item("r1"), item("r2"), item("r3"))));
        graph.simulator().faults().on("GET", MESSAGES).respond(429).header("Retry-After", "2")
                .graphError("ApplicationThrottled", "Application is over its MailboxConcurrency limit.");
        // real waiting here: the times compared are the simulator's own arrival times
        GraphClient client = new GraphClient(graph.settings().maxRetries(3).build(), tokens);

        List<String> ids = idsOf(client, GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE));

        assertThat(ids).containsExactly("r1", "r2", "r3");
        List<RecordedRequest> requests = messageRequests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).pathAndQuery()).isEqualTo(requests.get(0).pathAndQuery());
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldWaitForRetryAfterWhenItIsLongerThanItsOwnBackoff() throws IOException {
        graph.simulator().faults().on("GET", MESSAGES).respond(429).header("Retry-After", "5");
        ManualClock clock = new ManualClock(Instant.now());
        List<Instant> sentAt = new CopyOnWriteArrayList<>();
        AccessTokenSource timedTokens = scope -> {
            sentAt.add(clock.instant());
            return tokens.accessToken(scope);
        };
        GraphClient client = new GraphClient(graph.settings().clock(clock).sleeper(clock)
                .retryBaseDelay(Duration.ofSeconds(1)).retryMaxDelay(Duration.ofSeconds(60)).build(), timedTokens);

        List<String> ids = idsOf(client, GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE));

        assertThat(ids).containsExactly("m1", "m2", "m3");
        assertThat(sentAt).hasSize(2);
        assertThat(Duration.between(sentAt.get(0), sentAt.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void shouldBackOffExponentiallyWhenA429HasNoRetryAfter() throws IOException {
        graph.simulator().scriptPages(MESSAGES, List.of(List.of(item("only"))));
        graph.simulator().faults().on("GET", MESSAGES).respond(429).times(4);
        ManualClock clock = new ManualClock(Instant.now());
        GraphClient client = new GraphClient(graph.settings().clock(clock).sleeper(clock).maxRetries(6)
                .retryBaseDelay(Duration.ofSeconds(1)).retryMaxDelay(Duration.ofSeconds(5)).build(), tokens);

        List<String> ids = idsOf(client, GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE));

        assertThat(ids).containsExactly("only");
        assertThat(messageRequests()).hasSize(5);
        List<Duration> sleeps = clock.sleeps();
        assertThat(sleeps).hasSize(4);
        long[] fullBackoffs = { 1000, 2000, 4000, 5000 };
        for (int i = 0; i < 4; i++) {
            assertThat(sleeps.get(i).toMillis()).as("backoff before retry %d", i + 1)
                    .isBetween(Math.round(fullBackoffs[i] * (1 - RetryPolicy.JITTER)), fullBackoffs[i]);
        }
    }

    @Test
    void shouldFailWithUserUrlStatusAndAttemptsWhenTheRetriesRunOut() {
        graph.simulator().faults().on("GET", MESSAGES).respond(429).times(4);
        GraphClient client = client(new ManualClock(Instant.now()), 3);
        String url = messagesUrl("alice@contoso.test", 10);

        assertThatThrownBy(() -> idsOf(client, GraphRequest.forMailbox(url, "alice@contoso.test")))
                .isInstanceOfSatisfying(GraphRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.mailbox()).isEqualTo("alice@contoso.test");
                    assertThat(e.url()).isEqualTo(url);
                    assertThat(e.errorCode()).isEqualTo("TooManyRequests");
                    assertThat(e.requestId()).isNotBlank();
                })
                .hasMessageStartingWith("GET " + url + " failed for user alice@contoso.test: 429 TooManyRequests"
                        + " after 4 attempts (Graph: Simulated fault: status 429.; request-id ")
                .hasMessageNotContaining("Bearer");
        assertThat(messageRequests()).hasSize(4);
    }

    @ParameterizedTest(name = "status {0} is retried")
    @ValueSource(ints = { 429, 500, 502, 503, 504 })
    void shouldRetryThrottlingAndGatewayErrorsOfTheSimulator(int status) throws IOException {
        graph.simulator().faults().on("GET", MESSAGES).respond(status).times(2);
        GraphClient client = client(new ManualClock(Instant.now()), 2);

        assertThat(idsOf(client, GraphRequest.forMailbox(messagesUrl(BOB, 10), BOB))).containsExactly("m1");
        assertThat(messageRequests()).hasSize(3);
    }

    @Test
    void shouldRetryWhenTheConnectionDropsWithoutAnAnswer() throws IOException {
        graph.simulator().faults().on("GET", MESSAGES).dropConnection();
        GraphClient client = client(new ManualClock(Instant.now()), 2);

        assertThat(idsOf(client, GraphRequest.forMailbox(messagesUrl(BOB, 10), BOB))).containsExactly("m1");
        assertThat(messageRequests()).hasSize(2);
    }

    @Test
    void shouldNotRetryANotFoundAndNameTheReasonToSkipTheMailbox() {
        GraphClient client = client(new ManualClock(Instant.now()), 6);

        assertThatThrownBy(() -> idsOf(client, GraphRequest.forMailbox(messagesUrl(ONPREM, 10), ONPREM)))
                .isInstanceOfSatisfying(GraphRequestException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.errorCode()).isEqualTo("MailboxNotEnabledForRESTAPI");
                    assertThat(MailboxSkipReason.of(e)).map(MailboxSkipReason::code)
                            .contains("MailboxNotEnabledForRESTAPI");
                })
                .hasMessageContaining("404 MailboxNotEnabledForRESTAPI after 1 attempt")
                .hasMessageContaining("The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
    }

    @Test
    void shouldRefuseToSendTheTokenToANextLinkOnAnotherHost() {
        graph.simulator().faults().on("GET", MESSAGES).respond(200).jsonBody("{\"value\":[{\"id\":\"p1\"}],"
                + "\"@odata.nextLink\":\"https://graph.example.test/v1.0/users/alice/messages?$skiptoken=x\"}");
        GraphClient client = client(new ManualClock(Instant.now()), 0);
        List<String> ids = new ArrayList<>();

        assertThatThrownBy(() -> client.forEachItem(GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE),
                item -> ids.add(item.path("id").asText())))
                .isInstanceOf(GraphRequestException.class)
                .hasMessageContaining("GET https://graph.example.test/v1.0/users/alice/messages?$skiptoken=x failed")
                .hasMessageContaining("not sent: the URL is not on the Graph base URL " + graph.baseUrl());
        assertThat(ids).containsExactly("p1");
    }

    @Test
    void shouldReadASingleObject() throws IOException {
        GraphClient client = client(new ManualClock(Instant.now()), 0);

        ObjectNode user = client.getObject(GraphRequest.directory(GraphUrl.of(graph.baseUrl()).path("v1.0/users")
                .segment("bob@contoso.test").query("$select", "id,userPrincipalName").build()));

        assertThat(user.path("id").asText()).isEqualTo(BOB);
        assertThat(user.path("userPrincipalName").asText()).isEqualTo("bob@contoso.test");
    }

    @Test
    void shouldRethrowWhatTheHandlerThrowsUnchanged() {
        GraphClient client = client(new ManualClock(Instant.now()), 3);
        IOException stop = new IOException("sink is full");

        assertThatThrownBy(() -> client.forEachItem(GraphRequest.forMailbox(messagesUrl(ALICE, 10), ALICE), item -> {
            throw stop;
        })).isSameAs(stop);
        assertThat(messageRequests()).hasSize(1);
    }
}
