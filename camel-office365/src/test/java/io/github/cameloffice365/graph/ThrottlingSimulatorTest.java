package io.github.cameloffice365.graph;

import static io.github.cameloffice365.graph.SimulatedTenant.ALICE;
import static io.github.cameloffice365.graph.SimulatedTenant.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The client's own limits, observed where they matter, at the server: requests in flight per mailbox, mailboxes in
 * flight at once, and the pause a 429 puts on its mailbox.
 */
class ThrottlingSimulatorTest {

    private static final Duration HOLD = Duration.ofMillis(200);

    private static SimulatedTenant graph;
    private static MsalAccessTokenSource tokens;
    private static final InFlightProbe probe = new InFlightProbe();

    @BeforeAll
    static void startSimulator() {
        graph = SimulatedTenant.start(tenant -> tenant
                .user(SimulatedTenant.member(ALICE, "alice@contoso.test"))
                .user(SimulatedTenant.member(BOB, "bob@contoso.test"))
                .messages(ALICE, SimulatedTenant.messages(2))
                .messages(BOB, SimulatedTenant.messages(2)),
                simulator -> simulator.handler("/probe/", probe));
        tokens = graph.tokens();
    }

    @AfterAll
    static void stopSimulator() {
        graph.close();
    }

    @BeforeEach
    void reset() {
        graph.simulator().reset();
        probe.reset();
    }

    @Test
    void shouldKeepAtMostFourRequestsPerMailboxInFlight() throws Exception {
        GraphClient client = new GraphClient(graph.settings().build(), tokens);

        callProbe(client, List.of("alice"), 12);

        assertThat(probe.maxPerMailbox.get("alice")).isBetween(1, 4);
    }

    @Test
    void shouldLetMoreRequestsThroughWithAHigherLimitSoTheProbeCanSeeAViolation() throws Exception {
        GraphClient client = new GraphClient(graph.settings().maxRequestsPerMailbox(8).build(), tokens);

        callProbe(client, List.of("alice"), 12);

        assertThat(probe.maxPerMailbox.get("alice")).isGreaterThan(4);
    }

    @Test
    void shouldHaveAtMostMaxConcurrentMailboxesInFlight() throws Exception {
        GraphClient client = new GraphClient(graph.settings().maxConcurrentMailboxes(2).build(), tokens);

        callProbe(client, List.of("alice", "bob", "carol"), 12);

        assertThat(probe.maxMailboxes.get()).isBetween(1, 2);
        assertThat(probe.calls.get()).isEqualTo(12);
    }

    @Test
    void shouldHaveMoreMailboxesInFlightWithAHigherCap() throws Exception {
        GraphClient client = new GraphClient(graph.settings().maxConcurrentMailboxes(3).build(), tokens);

        callProbe(client, List.of("alice", "bob", "carol"), 12);

        assertThat(probe.maxMailboxes.get()).isEqualTo(3);
    }

    @Test
    void shouldHoldBackTheNextRequestToAMailboxThatGotA429() throws IOException {
        graph.simulator().faults().on("GET", "/v1.0/users/{id}/messages").respond(429).header("Retry-After", "5");
        ManualClock clock = new ManualClock(Instant.now());
        List<String> sentFor = new CopyOnWriteArrayList<>();
        List<Instant> sentAt = new CopyOnWriteArrayList<>();
        GraphClient client = new GraphClient(graph.settings().clock(clock).sleeper(clock).maxRetries(0).build(),
                scope -> {
                    sentAt.add(clock.instant());
                    return tokens.accessToken(scope);
                });
        Instant start = clock.instant();

        assertThatThrownBy(() -> client.forEachItem(messages(ALICE), item -> { }))
                .isInstanceOfSatisfying(GraphRequestException.class, e -> assertThat(e.status()).isEqualTo(429));
        client.forEachItem(messages(BOB), item -> sentFor.add("bob"));
        assertThat(clock.sleeps()).as("bob's mailbox is not paused").isEmpty();
        client.forEachItem(messages(ALICE), item -> sentFor.add("alice"));

        assertThat(sentFor).containsExactly("bob", "bob", "alice", "alice");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(sentAt.get(2)).isAfterOrEqualTo(start.plusSeconds(5));
    }

    private static GraphRequest messages(String user) {
        return GraphRequest.forMailbox(GraphUrl.of(graph.baseUrl()).path("v1.0/users").segment(user)
                .path("messages").build(), user);
    }

    /** Sends {@code count} requests from as many threads, spread over the mailboxes, and waits for all. */
    private static void callProbe(GraphClient client, List<String> mailboxes, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String mailbox = mailboxes.get(i % mailboxes.size());
                String url = GraphUrl.of(graph.baseUrl()).path("probe").segment(mailbox).build();
                calls.add(threads.submit(() -> client.getObject(GraphRequest.forMailbox(url, mailbox))));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Answers {@code /probe/{mailbox}} after holding the request a while, and records the most requests it held at
     * once per mailbox and the most mailboxes at once. It counts a request out before it answers, so a client that
     * sends its next request on the answer is never counted twice.
     */
    private static final class InFlightProbe implements HttpHandler {
        private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        private final Map<String, Integer> maxPerMailbox = new ConcurrentHashMap<>();
        private final AtomicInteger maxMailboxes = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();

        void reset() {
            inFlight.clear();
            maxPerMailbox.clear();
            maxMailboxes.set(0);
            calls.set(0);
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            String mailbox = exchange.getRequestURI().getPath().substring("/probe/".length());
            calls.incrementAndGet();
            synchronized (this) {
                int now = inFlight.computeIfAbsent(mailbox, key -> new AtomicInteger()).incrementAndGet();
                maxPerMailbox.merge(mailbox, now, Math::max);
                long mailboxes = inFlight.values().stream().filter(count -> count.get() > 0).count();
                maxMailboxes.accumulateAndGet((int) mailboxes, Math::max);
            }
            try {
                Thread.sleep(HOLD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                inFlight.get(mailbox).decrementAndGet();
            }
            byte[] body = ("{\"id\":\"" + mailbox + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
