package io.github.cameloffice365.component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.cameloffice365.component.SmallTenants.messages;
import static io.github.cameloffice365.component.SmallTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

/** One run of the office365 consumer, end to end against the Graph simulator, for the field cases of a run. */
class Office365ConsumerTest {

    private static final String MESSAGES = "BasicDataSet_v0.Message_v1";
    private static final String USERS = "BasicDataSet_v0.User_v1";
    private static final Map<String, String> MARCH = Map.of("dateFilterColumn", "receivedDateTime",
            "startTime", "2026-03-01T00:00:00Z", "endTime", "2026-04-01T00:00:00Z");
    private static final String ALICE = "00000000-0000-0000-0000-00000000000a";
    private static final String GUEST = "00000000-0000-0000-0000-00000000000b";
    private static final String ON_PREMISES = "00000000-0000-0000-0000-00000000000c";
    private static final String DISABLED = "00000000-0000-0000-0000-00000000000d";
    private static final String BOB = "00000000-0000-0000-0000-00000000000e";

    @TempDir
    Path work;

    @Test
    void shouldSkipUsersWithoutAReadableMailboxAndSayWhy() throws Exception {
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(u1Tenant()).start()) {
            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri(MESSAGES, MARCH));

            assertThat(outcome.rows()).hasSize(3).allSatisfy(row -> assertThat(row.path("puser").asText()).isEqualTo(ALICE));
            assertThat(outcome.summary.path("status").asText()).isEqualTo("SUCCEEDED");
            JsonNode users = outcome.summary.path("users");
            assertThat(users.path("extracted").asInt()).isEqualTo(1);
            assertThat(users.path("skippedUsers").findValuesAsText("id")).containsExactly(GUEST, ON_PREMISES, DISABLED);
            assertThat(users.path("skippedUsers").findValuesAsText("reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("guest"))
                    .anySatisfy(reason -> assertThat(reason).contains("MailboxNotEnabledForRESTAPI"));
            assertThat(simulator.dataRequests()).as("guests are not even queried")
                    .noneMatch(request -> request.path().contains(GUEST));
        }
    }

    @Test
    void shouldListEveryUserInUserV1WhateverTheirMailbox() throws Exception {
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(u1Tenant()).start()) {
            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).run(ExtractionHarness.uri(USERS, Map.of()));

            assertThat(outcome.rows()).extracting(row -> row.path("id").asText())
                    .containsExactlyInAnyOrder(ALICE, GUEST, ON_PREMISES, DISABLED);
        }
    }

    @Test
    void shouldFailTheRunPointingAtLicensingWhenNoUserHasAReadableMailbox() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ON_PREMISES, "Margaret", "Member", true, "onPremises"))
                .user(user(DISABLED, "Dmitri", "Member", false, "none"))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri(MESSAGES, MARCH));

            assertThat(outcome.summary.path("status").asText()).isEqualTo("FAILED");
            assertThat(outcome.summary.path("failure").asText()).contains("licence").contains("on-premises");
            assertThat(outcome.parts).isEmpty();
        }
    }

    @Test
    void shouldCountEveryUserOfEveryPageAndWriteAsManyLinesAsTheSummarySays() throws Exception {
        Tenant.Builder tenant = SmallTenants.tenant();
        for (int i = 0; i < 126; i++) {
            tenant.user(user(String.format("00000000-0000-0000-0001-%012d", i), "user" + i, "Member", true,
                    "exchangeOnline"));
        }
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant.build()).start()) {
            simulator.pageSize("/v1.0/users", 100);

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).run(ExtractionHarness.uri(USERS, Map.of()));

            assertThat(outcome.lines()).hasSize(126);
            assertThat(outcome.summary.path("users").path("extracted").asInt()).isEqualTo(126);
            assertThat(outcome.summary.path("rows").asLong()).isEqualTo(126);
            assertThat(simulator.requests()).filteredOn(request -> request.path().equals("/v1.0/users")).hasSize(2);
        }
    }

    @Test
    void shouldReportAUserWhoStaysThrottledAndCompleteTheOthersWithNothingHalfWritten() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .user(user(BOB, "Bob", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 3))
                .messages(BOB, messages(BOB, 4))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            simulator.faults().on("GET", "/v1.0/users/" + ALICE + "/messages").respond(429).times(4);
            Map<String, String> options = new java.util.HashMap<>(MARCH);
            options.put("maxRetries", "3");

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri(MESSAGES, options));

            assertThat(outcome.summary.path("status").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
            JsonNode failed = outcome.summary.path("users").path("failedUsers").get(0);
            assertThat(failed.path("id").asText()).isEqualTo(ALICE);
            assertThat(failed.path("userPrincipalName").asText()).isEqualTo("alice@contoso.test");
            assertThat(failed.path("error").asText()).contains(ALICE).contains("/messages").contains("429")
                    .contains("4 attempts");
            assertThat(outcome.rows()).hasSize(4).allSatisfy(row -> assertThat(row.path("puser").asText()).isEqualTo(BOB));
        }
    }

    @Test
    void shouldRollPartsOverAtPartSizeWithWholeRowsInEach() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 40))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            Map<String, String> options = new java.util.HashMap<>(MARCH);
            options.put("partSize", "4096");

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri(MESSAGES, options));

            assertThat(outcome.parts).hasSizeGreaterThan(2);
            ObjectMapper json = new ObjectMapper();
            outcome.parts.forEach((name, content) -> {
                String text = new String(content, StandardCharsets.UTF_8);
                assertThat(text).as(name).endsWith("\n");
                for (String line : text.split("\n")) {
                    assertThat(line).as(name).satisfies(l -> json.readTree(l));
                }
            });
            assertThat(outcome.rows()).extracting(row -> row.path("userrow").asLong())
                    .containsExactlyElementsOf(range(40));
        }
    }

    @Test
    void shouldNameThePartsTheSameWayWhenTheSameRunIsRepeated() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .user(user(BOB, "Bob", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 30))
                .messages(BOB, messages(BOB, 30))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            Map<String, String> options = new java.util.HashMap<>(MARCH);
            options.put("partSize", "8192");
            ExtractionHarness harness = new ExtractionHarness(simulator, work);

            ExtractionHarness.Outcome first = harness.run(ExtractionHarness.uri(MESSAGES, options));
            ExtractionHarness.Outcome second = harness.run(ExtractionHarness.uri(MESSAGES, options));

            assertThat(second.parts.keySet()).containsExactlyInAnyOrderElementsOf(first.parts.keySet());
            first.parts.forEach((name, content) -> assertThat(second.parts.get(name)).as(name).isEqualTo(content));
            assertThat(second.summaryFileName).isEqualTo(first.summaryFileName).endsWith("/_summary.json");
        }
    }

    @Test
    void shouldStopTheRunAtThePartTheRouteCouldNotWrite() throws Exception {
        Tenant tenant = SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .messages(ALICE, messages(ALICE, 40))
                .build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            Map<String, String> options = new java.util.HashMap<>(MARCH);
            options.put("partSize", "4096");
            List<String> attempted = new ArrayList<>();

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).onPart(exchange -> {
                attempted.add(exchange.getMessage().getHeader(Office365Constants.FILE_NAME, String.class));
                throw new IllegalStateException("the sink is full");
            }).run(ExtractionHarness.uri(MESSAGES, options));

            assertThat(attempted).hasSize(1);
            assertThat(outcome.summary.path("status").asText()).isEqualTo("FAILED");
            assertThat(outcome.summary.path("failure").asText()).contains(attempted.get(0)).contains("the sink is full");
            assertThat(outcome.summary.path("parts")).isEmpty();
        }
    }

    @Test
    void shouldReadNothingWhenTheRunStartExchangeFails() throws Exception {
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(u1Tenant()).start()) {
            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).onRunStart(exchange -> {
                throw new IllegalStateException("consent denied");
            }).run(ExtractionHarness.uri(MESSAGES, MARCH));

            assertThat(outcome.runStartFailure).hasMessageContaining("consent denied");
            assertThat(outcome.requestsBeforeRunStart).isZero();
            assertThat(simulator.requests()).as("no token, user or data request").isEmpty();
            assertThat(outcome.parts).isEmpty();
            assertThat(outcome.summary).isNull();
        }
    }

    @Test
    void shouldAskGraphForTextBodiesWhenBodyContentTypeIsText() throws Exception {
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(u1Tenant()).start()) {
            Map<String, String> options = new java.util.HashMap<>(MARCH);
            options.put("bodyContentType", "text");

            ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                    .run(ExtractionHarness.uri(MESSAGES, options));

            List<RecordedRequest> mail = simulator.dataRequests().stream()
                    .filter(request -> request.path().endsWith("/messages")).toList();
            assertThat(mail).isNotEmpty().allSatisfy(request -> assertThat(request.header("Prefer"))
                    .hasValue("outlook.body-content-type=\"text\""));
            assertThat(outcome.rows()).allSatisfy(row -> assertThat(row.path("body").path("contentType").asText())
                    .isEqualTo("microsoft.graph.bodyType'text'"));
        }
    }

    @Test
    void shouldNeverPrintTheSecretInTheEndpointUri() throws Exception {
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(u1Tenant()).start()) {
            Map<String, String> options = Map.of("servicePrincipalKey", simulator.applicationClientSecret());
            String uri = ExtractionHarness.uri(USERS, options);

            try (org.apache.camel.CamelContext context = new org.apache.camel.impl.DefaultCamelContext()) {
                org.apache.camel.Endpoint endpoint = context.getEndpoint(uri);

                assertThat(endpoint.getEndpointUri()).doesNotContain(simulator.applicationClientSecret())
                        .contains("servicePrincipalKey=xxxxxx");
                assertThat(endpoint.toString()).doesNotContain(simulator.applicationClientSecret());
            }
        }
    }

    /** Field case U1: a member with a mailbox, a guest, a member on-premises, a disabled account. */
    private static Tenant u1Tenant() {
        return SmallTenants.tenant()
                .user(user(ALICE, "Alice", "Member", true, "exchangeOnline"))
                .user(user(GUEST, "Gustav", "Guest", true, "none"))
                .user(user(ON_PREMISES, "Margaret", "Member", true, "onPremises"))
                .user(user(DISABLED, "Dmitri", "Member", false, "none"))
                .messages(ALICE, messages(ALICE, 3))
                .build();
    }

    private static List<Long> range(int count) {
        List<Long> values = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            values.add(i);
        }
        return values;
    }
}
