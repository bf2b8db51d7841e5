package io.github.cameloffice365.governance.approval;

import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.governance.consent.ConsentAuditEntry;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.governance.consent.RunContexts;
import io.github.cameloffice365.graph.CapturedLogs;
import io.github.cameloffice365.simulator.identity.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.cameloffice365.governance.approval.ApproversTestBed.ALICE;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.BOB;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.CAROL;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.DAVE;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.GAIL;
import static org.assertj.core.api.Assertions.assertThat;

/** The approvers' REST API over real HTTP on loopback, against the Graph simulator's authority and an H2 ledger. */
class ApproversApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ApproversTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new ApproversTestBed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private static ConsentRequest fileRequestByBob(String... columns) {
        return bed.ledger().fileRequest(RunContexts.messages(columns), BOB.upn(), Instant.now());
    }

    @Test
    void shouldAnswer401WithAChallengeWhenTheRequestHasNoToken() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""));
        assertThat(bed.json(response).path("message").asText()).contains("Sign in first");
    }

    @Test
    void shouldListPendingRequestsWithEveryFieldOfTheirContext() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Subject", "ReceivedDateTime");

        HttpResponse<String> response = bed.call("GET", "/api/consent/requests?state=pending",
                bed.accessTokenOf(ALICE), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode listed = find(bed.json(response).path("value"), filed.id());
        Office365RunContext context = filed.context();
        assertThat(listed.path("state").asText()).isEqualTo("pending");
        assertThat(listed.path("requestedBy").asText()).isEqualTo(BOB.upn());
        assertThat(listed.path("requestedAt").asText()).isEqualTo(filed.requestedAt().toString());
        assertThat(listed.path("expiresAt").asText()).isEqualTo(filed.expiresAt().toString());
        JsonNode listedContext = listed.path("context");
        assertThat(listedContext.path("table").asText()).isEqualTo(context.table());
        assertThat(MAPPER.convertValue(listedContext.path("columns"), List.class)).isEqualTo(context.columns());
        assertThat(listedContext.path("scope").asText()).isEqualTo(context.scopeDescription());
        assertThat(MAPPER.convertValue(listedContext.path("allowedGroups"), List.class))
                .isEqualTo(context.allowedGroups());
        assertThat(listedContext.path("destination").asText()).isEqualTo(context.destination());
        assertThat(listedContext.path("requester").asText()).isEqualTo(context.requester());
        assertThat(listedContext.path("office365TenantId").asText()).isEqualTo(context.office365TenantId());
        assertThat(listedContext.path("servicePrincipalTenantId").asText())
                .isEqualTo(context.servicePrincipalTenantId());
    }

    @Test
    void shouldListOnlyTheRequestsInTheAskedState() throws Exception {
        ConsentRequest approved = fileRequestByBob("Id", "Sender");
        bed.ledger().approve(approved.id(), ALICE.upn(), "fine", Instant.now());
        ConsentRequest pending = fileRequestByBob("Id", "ToRecipients");

        JsonNode answer = bed.json(bed.call("GET", "/api/consent/requests?state=approved", bed.accessTokenOf(ALICE),
                null));

        List<String> ids = ids(answer.path("value"));
        assertThat(ids).contains(approved.id()).doesNotContain(pending.id());
        answer.path("value").forEach(request -> assertThat(request.path("state").asText()).isEqualTo("approved"));
    }

    @Test
    void shouldRefuseAnUnknownStateNamingTheAcceptedOnes() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/requests?state=waiting",
                bed.accessTokenOf(ALICE), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bed.json(response).path("message").asText())
                .contains("'waiting'").contains("pending, approved, denied and expired");
    }

    @Test
    void shouldApproveAPendingRequestAndRecordTheApproverAndComment() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Body");

        try (CapturedLogs log = new CapturedLogs(ApprovalApi.class)) {
            HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                    bed.accessTokenOf(ALICE), "{\"comment\": \"Finance may read its own mail\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode decided = bed.json(response);
            assertThat(decided.path("state").asText()).isEqualTo("approved");
            assertThat(decided.path("decidedBy").asText()).isEqualTo(ALICE.upn());
            assertThat(log.info()).contains("Consent request " + filed.id() + " for " + filed.context().table()
                    + " approved by " + ALICE.upn());
        }
        ConsentRequest stored = bed.ledger().find(filed.id(), Instant.now()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.APPROVED);
        assertThat(stored.decidedBy()).isEqualTo(ALICE.upn());
        assertThat(stored.comment()).isEqualTo("Finance may read its own mail");
    }

    @Test
    void shouldDenyAPendingRequestWithAComment() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "BccRecipients");

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/deny",
                bed.accessTokenOf(ALICE), "{\"comment\": \"Blind copies are out of scope\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        ConsentRequest stored = bed.ledger().find(filed.id(), Instant.now()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.DENIED);
        assertThat(stored.comment()).isEqualTo("Blind copies are out of scope");
    }

    @Test
    void shouldRefuseSelfApprovalWithMgdcsMessageAndKeepTheRequestPending() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "CcRecipients");

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(BOB), "{\"comment\": \"my own\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(bed.json(response).path("error").asText()).isEqualTo("self_approval");
        assertThat(bed.json(response).path("message").asText())
                .isEqualTo("Requestor and approver are the same. Self-approval is not allowed.");
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(bed.ledger().audit(filed.id())).extracting(ConsentAuditEntry::action)
                .contains("SELF_APPROVAL_REFUSED");
    }

    @Test
    void shouldRefuseAnApproverWhoOwnsTheRequestingApplicationThoughSomeoneElseFiledTheRequest() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "ConversationId");

        HttpResponse<String> approval = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(DAVE), "{\"comment\": \"for Bob\"}");
        HttpResponse<String> denial = bed.call("POST", "/api/consent/requests/" + filed.id() + "/deny",
                bed.accessTokenOf(DAVE), null);

        assertThat(approval.statusCode()).isEqualTo(409);
        assertThat(bed.json(approval).path("error").asText()).isEqualTo("self_approval");
        assertThat(bed.json(approval).path("message").asText())
                .isEqualTo("Requestor and approver are the same. Self-approval is not allowed.");
        assertThat(denial.statusCode()).isEqualTo(409);
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
        assertThat(bed.ledger().audit(filed.id())).filteredOn(entry -> entry.action().equals("SELF_APPROVAL_REFUSED"))
                .extracting(ConsentAuditEntry::actor).containsExactly(DAVE.upn(), DAVE.upn());

        HttpResponse<String> byAlice = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(ALICE), null);
        assertThat(byAlice.statusCode()).as("an approver who owns nothing").isEqualTo(200);
    }

    @Test
    void shouldAnswer503AndDecideNothingWhenTheRequestingApplicationIsUnknownToTheDirectory() throws Exception {
        Office365RunContext unknownApplication = new Office365RunContext("run-9", "BasicDataSet_v0.Message_v1",
                List.of("Id"), List.of(), null, RunContexts.DESTINATION,
                "00000000-0000-4000-8000-00000000dead@" + RunContexts.TENANT, RunContexts.TENANT, RunContexts.TENANT,
                "receivedDateTime", null, null);
        ConsentRequest filed = bed.ledger().fileRequest(unknownApplication, BOB.upn(), Instant.now());

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(ALICE), null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(bed.json(response).path("error").asText()).isEqualTo("directory_unavailable");
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldRefuseSelfDenialToo() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Importance");

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/deny",
                bed.accessTokenOf(BOB), null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldAnswer409WhenTheRequestIsNoLongerPending() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Categories");
        String token = bed.accessTokenOf(ALICE);
        bed.call("POST", "/api/consent/requests/" + filed.id() + "/deny", token, null);

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve", token,
                null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(bed.json(response).path("error").asText()).isEqualTo("not_pending");
        assertThat(bed.json(response).path("message").asText()).contains("is denied, not pending");
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state()).isEqualTo(ConsentState.DENIED);
    }

    @Test
    void shouldShowOneRequestWithItsAuditTrail() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Flag");
        String token = bed.accessTokenOf(ALICE);
        bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve", token, "{\"comment\": \"ok\"}");

        JsonNode shown = bed.json(bed.call("GET", "/api/consent/requests/" + filed.id(), token, null));

        assertThat(shown.path("id").asText()).isEqualTo(filed.id());
        List<String> actions = shown.path("audit").findValuesAsText("action");
        assertThat(actions).containsExactly("FILED", "APPROVED");
        assertThat(shown.path("audit").get(1).path("actor").asText()).isEqualTo(ALICE.upn());
    }

    @Test
    void shouldAnswer404ForAnUnknownRequest() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/requests/no-such-request",
                bed.accessTokenOf(ALICE), null);

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseABodyThatIsNotAJsonObjectWithATextComment() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "IsRead");

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(ALICE), "{\"comment\": 42}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldAnswer403ToAUserOutsideTheApproverGroup() throws Exception {
        ConsentRequest filed = fileRequestByBob("Id", "Subject", "Sender");

        HttpResponse<String> response = bed.call("POST", "/api/consent/requests/" + filed.id() + "/approve",
                bed.accessTokenOf(CAROL), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bed.json(response).path("message").asText())
                .isEqualTo(CAROL.upn() + " is not a member of the approver group, so cannot see or decide consent"
                        + " requests. Ask a tenant administrator to add you to the approver group.");
        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void shouldAnswer403ToAGuestEvenInTheApproverGroup() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", bed.accessTokenOf(GAIL), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bed.json(response).path("error").asText()).isEqualTo("guest_not_allowed");
    }

    @Test
    void shouldAdmitAMemberOfANestedGroup() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/me", bed.accessTokenOf(BOB), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bed.json(response).path("username").asText()).isEqualTo(BOB.upn());
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("another audience", (Consumer<ObjectNode>) c -> c.put("aud", "https://graph.microsoft.com"),
                        "not meant for the approvers' app"),
                Arguments.of("another issuer", (Consumer<ObjectNode>) c -> c.put("iss",
                        "https://login.example.test/" + ApproversTestBed.TENANT_ID + "/v2.0"), "was issued by"),
                Arguments.of("another tenant", (Consumer<ObjectNode>) c -> c.put("tid",
                        "00000000-0000-4000-8000-00000000abcd"), "another tenant"),
                Arguments.of("expired an hour ago", (Consumer<ObjectNode>) c -> c.put("exp",
                        Instant.now().minusSeconds(3600).getEpochSecond()), "expired"),
                Arguments.of("valid only tomorrow", (Consumer<ObjectNode>) c -> c.put("nbf",
                        Instant.now().plusSeconds(86_400).getEpochSecond()), "not valid yet"),
                Arguments.of("without the scope", (Consumer<ObjectNode>) c -> c.put("scp", "User.Read"),
                        "delegated permission 'access_as_user'"),
                Arguments.of("an application's own token", (Consumer<ObjectNode>) c -> c.remove("scp"),
                        "delegated permission"),
                Arguments.of("without a user", (Consumer<ObjectNode>) c -> c.remove("oid"), "names no user"));
    }

    @ParameterizedTest(name = "a token {0}")
    @MethodSource("refusedTokens")
    void shouldRefuseATokenThatIsSignedByTheAuthorityButWrong(String description, Consumer<ObjectNode> change,
            String reason) throws Exception {
        ObjectNode claims = claimsOf(bed.accessTokenOf(ALICE));
        change.accept(claims);
        String token = bed.graph().tokenIssuer().mint(claims);

        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", token, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bed.json(response).path("message").asText()).contains(reason);
    }

    @Test
    void shouldAcceptTheUnchangedTokenThatTheRefusalsStartFrom() throws Exception {
        String token = bed.graph().tokenIssuer().mint(claimsOf(bed.accessTokenOf(ALICE)));

        assertThat(bed.call("GET", "/api/consent/requests", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKeyUnderTheAuthoritysKeyId() throws Exception {
        String genuine = bed.accessTokenOf(ALICE);
        String[] parts = genuine.split("\\.");
        ObjectNode header = (ObjectNode) MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
        var forger = KeyPairGenerator.getInstance("RSA");
        forger.initialize(2048);
        String forged = Jwt.sign(header, claimsOf(genuine), forger.generateKeyPair().getPrivate());

        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", forged, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bed.json(response).path("message").asText()).contains("signature is not valid");
    }

    @Test
    void shouldRefuseAnUnsignedToken() throws Exception {
        String[] parts = bed.accessTokenOf(ALICE).split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());

        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", header + "." + parts[1] + ".", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bed.json(response).path("message").asText()).contains("only RS256 is accepted");
    }

    @Test
    void shouldSendSecurityHeadersAndNoCookieAndNeverEchoTheToken() throws Exception {
        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", bed.accessTokenOf(ALICE), null);

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().map()).doesNotContainKeys("set-cookie", "authorization",
                "access-control-allow-origin");
    }

    @Test
    void shouldServeThePageWithAPolicyThatAllowsOnlyItsOwnScriptAndTheAuthority() throws Exception {
        HttpResponse<String> page = bed.call("GET", "/approvals", null, null);
        HttpResponse<String> script = bed.call("GET", "/approvals/assets/approvals.js", null, null);
        HttpResponse<String> unknown = bed.call("GET", "/approvals/assets/..%2Fpom.xml", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"/approvals/assets/approvals.js\" defer></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none';"
                + " script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' " + bed.graph().baseUrl()
                + "; form-action 'self' " + bed.graph().baseUrl() + "; base-uri 'none'; frame-ancestors 'none'");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldTellThePageWhereToSignInWithoutAToken() throws Exception {
        JsonNode config = bed.json(bed.call("GET", "/api/consent/config", null, null));

        assertThat(config.path("authorizationEndpoint").asText())
                .isEqualTo(bed.graph().baseUrl() + "/" + ApproversTestBed.TENANT_ID + "/oauth2/v2.0/authorize");
        assertThat(config.path("tokenEndpoint").asText()).isEqualTo(bed.tokenEndpoint().toString());
        assertThat(config.path("clientId").asText()).isEqualTo(ApproversTestBed.APPROVALS_CLIENT_ID);
        assertThat(config.path("scope").asText())
                .isEqualTo("openid profile api://" + ApproversTestBed.APPROVALS_CLIENT_ID + "/access_as_user");
    }

    private static ObjectNode claimsOf(String token) throws Exception {
        return (ObjectNode) MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static JsonNode find(JsonNode requests, String id) {
        for (JsonNode request : requests) {
            if (request.path("id").asText().equals(id)) {
                return request;
            }
        }
        throw new AssertionError("Request " + id + " is not listed in " + requests);
    }

    private static List<String> ids(JsonNode requests) {
        return requests.findValuesAsText("id");
    }
}
