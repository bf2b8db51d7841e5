package io.github.cameloffice365.component;

import java.nio.file.Path;
import java.util.Map;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.cameloffice365.component.SmallTenants.messages;
import static io.github.cameloffice365.component.SmallTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

/** An unusable answer for one mailbox is that user's failure: the other users of the run still complete. */
class UnusableNextLinkTest {

    private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
    private static final String BOB = "00000000-0000-0000-0000-00000000000e";

    @TempDir
    Path work;

    @Test
    void shouldFailOnlyTheUserWhosePageCarriesANextLinkThatIsNotAUrl() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .user(user(BOB, "Bob", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 2))
                .messages(BOB, messages(BOB, 2))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            simulator.faults().on("GET", "/v1.0/users/" + ALICE + "/messages").respond(200)
                    .jsonBody("{\"value\":[],\"@odata.nextLink\":\"" + simulator.baseUrl() + "/v1.0/users/" + ALICE
                              + "/messages?$skiptoken=not a url\"}").times(1);

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).run(ExtractionHarness.uri(
                    "BasicDataSet_v0.Message_v1", Map.of("dateFilterColumn", "receivedDateTime",
                            "startTime", "2026-03-01T00:00:00Z", "endTime", "2026-04-01T00:00:00Z")));

            assertThat(outcome.summary.path("status").asText()).as(outcome.summary.toPrettyString())
                    .isEqualTo("COMPLETED_WITH_FAILURES");
            assertThat(outcome.summary.path("users").path("failedUsers").findValuesAsText("id")).containsExactly(ALICE);
            assertThat(outcome.rows()).hasSize(2).allSatisfy(row -> assertThat(row.path("puser").asText()).isEqualTo(BOB));
        }
    }
}
