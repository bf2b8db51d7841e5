package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrottlingAndFaultsTest {

    private static final String ALICE_MESSAGES = "/v1.0/users/alice@contoso.test/messages";
    private static GraphSimulator simulator;
    private static GraphClient client;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.builder().tenant(TestTenants.small())
                .mailboxRequestLimit(20, Duration.ofMinutes(10)).start();
        client = new GraphClient(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    @Test
    void overTheRequestLimitOfAMailboxTheAnswerIs429WithRetryAfterAndAContentLength() {
        for (int i = 0; i < 20; i++) {
            assertThat(client.get(ALICE_MESSAGES).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> throttled = client.get(ALICE_MESSAGES);
        HttpResponse<String> otherMailbox = client.get("/v1.0/users/bob@contoso.test/messages");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
        assertThat(throttled.headers().firstValue("Content-Length")).hasValue(
                String.valueOf(throttled.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(throttled.headers().firstValue("Transfer-Encoding")).isEmpty();
        JsonNode error = GraphClient.json(throttled).path("error");
        assertThat(error.path("code").asText()).isEqualTo("ApplicationThrottled");
        assertThat(error.path("innerError").path("request-id").asText()).isNotEmpty();
        assertThat(otherMailbox.statusCode()).isEqualTo(200);
    }

    @Test
    void aFifthConcurrentRequestToOneMailboxIsThrottled() throws Exception {
        simulator.faults().on("GET", "/v1.0/users/{id}/messages").delay(Duration.ofMillis(1500)).always();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> client.get(ALICE_MESSAGES).statusCode(), pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> call : calls) {
                statuses.add(call.get(20, TimeUnit.SECONDS));
            }

            assertThat(statuses).filteredOn(status -> status == 200).hasSize(4);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aScripted429WithRetryAfterFiresTheGivenNumberOfTimes() {
        simulator.faults().on("GET", "/v1.0/users/{id}/messages").respond(429).header("Retry-After", "2").times(2);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(client.get(ALICE_MESSAGES).statusCode());
        }

        assertThat(statuses).containsExactly(429, 429, 200);
        assertThat(simulator.faults().list().get(0).timesFired()).isEqualTo(2);
    }

    @Test
    void aScriptedFaultCarriesItsHeadersAndBody() {
        simulator.faults().on("GET", ALICE_MESSAGES).respond(429).header("Retry-After", "2")
                .jsonBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");

        HttpResponse<String> response = client.get(ALICE_MESSAGES);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Length")).isPresent();
        assertThat(GraphClient.json(response).path("error").path("message").asText()).isEqualTo("slow down");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void transientServerErrorsCanBeScripted(int status) {
        simulator.faults().on(request -> request.path().endsWith("/messages")).respond(status);

        HttpResponse<String> failed = client.get(ALICE_MESSAGES);
        HttpResponse<String> next = client.get(ALICE_MESSAGES);

        assertThat(failed.statusCode()).isEqualTo(status);
        assertThat(GraphClient.json(failed).path("error").path("code").asText()).isNotBlank();
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void aDroppedConnectionGivesTheClientAnIoErrorAndTheNextCallWorks() {
        // the JDK client retries a GET once when a pooled connection closes, so drop every attempt
        simulator.faults().on("GET", ALICE_MESSAGES).dropConnection().always();

        assertThatThrownBy(() -> client.get(ALICE_MESSAGES)).isInstanceOf(UncheckedIOException.class);
        simulator.faults().clear();
        assertThat(client.get(ALICE_MESSAGES).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsApplyAfterAuthentication() {
        simulator.faults().on("GET", ALICE_MESSAGES).respond(503).always();

        assertThat(client.send(ALICE_MESSAGES, null).statusCode()).isEqualTo(401);
    }
}
