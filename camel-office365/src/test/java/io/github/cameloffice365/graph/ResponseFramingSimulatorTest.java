package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Whether a response is retried never depends on how its body is framed (T1): a 429 with a Content-Length or a
 * chunked body is retried alike, and a body cut short is retried whichever framing it had.
 */
class ResponseFramingSimulatorTest {

    private static final byte[] THROTTLED = ("{\"error\":{\"code\":\"ApplicationThrottled\","
            + "\"message\":\"Application is over its MailboxConcurrency limit.\"}}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAGE = "{\"value\":[{\"id\":\"r1\"},{\"id\":\"r2\"},{\"id\":\"r3\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private static final ScriptedAnswers answers = new ScriptedAnswers();
    private static SimulatedTenant graph;
    private static MsalAccessTokenSource tokens;

    /** How a scripted answer frames its body. */
    enum Framing {
        CONTENT_LENGTH, CHUNKED
    }

    @BeforeAll
    static void startSimulator() {
        graph = SimulatedTenant.start(tenant -> { }, simulator -> simulator.handler("/framing/", answers));
        tokens = graph.tokens();
    }

    @AfterAll
    static void stopSimulator() {
        graph.close();
    }

    @BeforeEach
    void reset() {
        answers.reset();
    }

    private static List<String> readPage(ManualClock clock) throws IOException {
        GraphClient client = new GraphClient(graph.settings().clock(clock).sleeper(clock).maxRetries(2).build(),
                tokens);
        List<String> ids = new ArrayList<>();
        client.forEachItem(GraphRequest.forMailbox(graph.baseUrl() + "/framing/alice", "alice"),
                item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @ParameterizedTest(name = "a 429 framed with {0} is retried after its Retry-After")
    @EnumSource(Framing.class)
    void shouldRetryA429WhateverItsFraming(Framing framing) throws IOException {
        answers.add(exchange -> answer(exchange, 429, THROTTLED, framing, "2"));
        ManualClock clock = new ManualClock(Instant.now());

        assertThat(readPage(clock)).containsExactly("r1", "r2", "r3");
        assertThat(answers.requests.get()).isEqualTo(2);
        assertThat(clock.sleeps()).singleElement().satisfies(sleep -> assertThat(sleep.toSeconds()).isEqualTo(2));
    }

    @ParameterizedTest(name = "a 200 whose {0} body is cut short is retried, and no item is handed over twice")
    @EnumSource(Framing.class)
    void shouldRetryAPageWhoseBodyIsCutShort(Framing framing) throws IOException {
        answers.add(exchange -> cutShort(exchange, framing));

        assertThat(readPage(new ManualClock(Instant.now()))).containsExactly("r1", "r2", "r3");
        assertThat(answers.requests.get()).isEqualTo(2);
    }

    @Test
    void shouldFailNamingTheIncompleteBodyWhenEveryAttemptIsCutShort() {
        for (int i = 0; i < 3; i++) {
            answers.add(exchange -> cutShort(exchange, Framing.CHUNKED));
        }

        assertThatThrownBy(() -> readPage(new ManualClock(Instant.now())))
                .isInstanceOfSatisfying(GraphRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.attempts()).isEqualTo(3);
                })
                .hasMessageContaining("failed for user alice: 200 after 3 attempts (the body is not complete JSON");
    }

    @Test
    void shouldReadAChunkedPage() throws IOException {
        answers.add(exchange -> answer(exchange, 200, PAGE, Framing.CHUNKED, null));

        assertThat(readPage(new ManualClock(Instant.now()))).containsExactly("r1", "r2", "r3");
        assertThat(answers.requests.get()).isEqualTo(1);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, Framing framing, String retryAfter)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, framing == Framing.CHUNKED ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sends the first half of a page, then drops the connection. */
    private static void cutShort(HttpExchange exchange, Framing framing) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, framing == Framing.CHUNKED ? 0 : PAGE.length);
        OutputStream out = exchange.getResponseBody();
        out.write(PAGE, 0, PAGE.length / 2);
        out.flush();
        // an exception out of the handler makes the server close the connection without finishing the body
        throw new IllegalStateException("connection dropped half-way through the body");
    }

    /** Plays the scripted answers in turn; once they are used up, answers with the page. */
    private static final class ScriptedAnswers implements HttpHandler {
        private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
        private final AtomicInteger requests = new AtomicInteger();

        @FunctionalInterface
        interface Answer {
            void send(HttpExchange exchange) throws IOException;
        }

        void add(Answer answer) {
            script.add(answer);
        }

        void reset() {
            script.clear();
            requests.set(0);
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            requests.incrementAndGet();
            Answer next = script.poll();
            if (next != null) {
                next.send(exchange);
            } else {
                answer(exchange, 200, PAGE, Framing.CONTENT_LENGTH, null);
            }
        }
    }
}
