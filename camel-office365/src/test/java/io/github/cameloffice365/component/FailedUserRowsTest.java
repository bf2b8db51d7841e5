package io.github.cameloffice365.component;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.cameloffice365.component.SmallTenants.messages;
import static io.github.cameloffice365.component.SmallTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Field case T3: a user who stays throttled fails, and nothing half-written is left for that user. */
class FailedUserRowsTest {

    private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
    private static final String BOB = "00000000-0000-0000-0000-00000000000e";

    @TempDir
    Path work;

    @Test
    void shouldLeaveNoRowOfAUserWhoFailsAfterHerFirstPartWasWritten() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .user(user(BOB, "Bob", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 20))
                .messages(BOB, messages(BOB, 2))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            simulator.faults().on(request -> request.path().equals("/v1.0/users/" + ALICE + "/messages")
                                              && request.pathAndQuery().contains("skip")).respond(429).always();
            Map<String, String> options = new HashMap<>(Map.of("dateFilterColumn", "receivedDateTime",
                    "startTime", "2026-03-01T00:00:00Z", "endTime", "2026-04-01T00:00:00Z"));
            options.put("pageSize", "10");
            options.put("partSize", "1024");
            options.put("maxRetries", "1");
            options.put("maxConcurrentMailboxes", "1");

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri("BasicDataSet_v0.Message_v1", options));

            assertThat(outcome.summary.path("users").path("failedUsers").findValuesAsText("id")).containsExactly(ALICE);
            assertThat(outcome.rows()).as("rows written for the run")
                    .allSatisfy(row -> assertThat(row.path("puser").asText()).isEqualTo(BOB));
        }
    }
}
