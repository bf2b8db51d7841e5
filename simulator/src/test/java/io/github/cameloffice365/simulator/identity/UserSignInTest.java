package io.github.cameloffice365.simulator.identity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.UrlCodec;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Users' sign-in on the simulator: the sign-in page, the authorization code grant with PKCE, the password grant. */
class UserSignInTest {

    private static final String TENANT_ID = "2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d70";
    private static final String SPA_ID = "8f0a2c4e-6b8d-4f1a-9c3e-5b7d9f1a3c92";
    private static final String CONFIDENTIAL_ID = "4c6e8a0b-2d4f-4a6c-8e0b-1d3f5a7c9e14";
    private static final String USER_ID = "d1a2b3c4-0000-4000-8000-0000000000aa";
    private static final String UPN = "dana@fabrikam.test";
    private static final String PASSWORD = "Sign-in-test-1";
    private static final String REDIRECT = "http://127.0.0.1:5173/approvals";
    private static final String VERIFIER = "a-verifier-of-enough-length-for-pkce-0123456789abcdef";

    private static GraphSimulator graph;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        ObjectNode user = Json.object().put("id", USER_ID).put("userPrincipalName", UPN).put("displayName", "Dana Dale")
                .put("userType", "Member").put("accountEnabled", true).put("_password", PASSWORD);
        Tenant tenant = Tenant.builder().tenantId(TENANT_ID).displayName("Fabrikam").defaultDomain("fabrikam.test")
                .application(new TenantApplication(CONFIDENTIAL_ID, "extractor", "secret-value", List.of(USER_ID)))
                .application(new TenantApplication(SPA_ID, "Approvals", null, List.of(), List.of(),
                        List.of("http://127.0.0.1/approvals"), true))
                .user(user).build();
        graph = UserSignIn.install(GraphSimulator.builder().tenant(tenant), tenant).start();
        http = HttpClient.newBuilder().sslContext(graph.sslContext()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    private static Map<String, String> authorizeParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", SPA_ID);
        parameters.put("response_type", "code");
        parameters.put("redirect_uri", REDIRECT);
        parameters.put("scope", "openid profile api://" + SPA_ID + "/access_as_user");
        parameters.put("state", "state-1");
        parameters.put("nonce", "nonce-1");
        parameters.put("code_challenge", AuthorizationCodeGrant.challengeOf(VERIFIER));
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    private static URI authorize(Map<String, String> parameters) {
        return URI.create(graph.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/authorize?" + form(parameters));
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> parameters, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI tokenEndpoint() {
        return URI.create(graph.baseUrl() + "/" + TENANT_ID + "/oauth2/v2.0/token");
    }

    /** Signs in on the form and returns the query of the redirect. */
    private static Map<String, String> signIn(Map<String, String> parameters, String password) throws Exception {
        Map<String, String> submitted = new LinkedHashMap<>(parameters);
        submitted.put("username", UPN);
        submitted.put("password", password);
        HttpResponse<String> response = post(authorize(Map.of()), submitted, null);
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath()).isEqualTo(REDIRECT);
        return UrlCodec.parseQuery(location.getRawQuery()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, String> redemption(String code, String verifier) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("client_id", SPA_ID);
        parameters.put("code", code);
        parameters.put("redirect_uri", REDIRECT);
        parameters.put("code_verifier", verifier);
        return parameters;
    }

    private static JsonNode claims(String token) {
        return Jwt.parse(token).claims();
    }

    @Test
    void shouldShowTheSignInFormForAValidRequestOnAnyLoopbackPort() throws Exception {
        HttpResponse<String> response = get(authorize(authorizeParameters()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name=\"username\"", "name=\"password\"", "Approvals", "Fabrikam");
    }

    @Test
    void shouldSignInAndRedeemTheCodeWithTheVerifierForTokensOfTheUser() throws Exception {
        Map<String, String> answer = signIn(authorizeParameters(), PASSWORD);
        assertThat(answer.get("state")).isEqualTo("state-1");

        HttpResponse<String> response = post(tokenEndpoint(), redemption(answer.get("code"), VERIFIER), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = Json.MAPPER.readTree(response.body());
        JsonNode access = claims(tokens.path("access_token").asText());
        assertThat(access.path("aud").asText()).isEqualTo(SPA_ID);
        assertThat(access.path("iss").asText()).isEqualTo(graph.baseUrl() + "/" + TENANT_ID + "/v2.0");
        assertThat(access.path("scp").asText()).isEqualTo("access_as_user");
        assertThat(access.path("oid").asText()).isEqualTo(USER_ID);
        assertThat(access.path("preferred_username").asText()).isEqualTo(UPN);
        assertThat(access.path("tid").asText()).isEqualTo(TENANT_ID);
        JsonNode id = claims(tokens.path("id_token").asText());
        assertThat(id.path("aud").asText()).isEqualTo(SPA_ID);
        assertThat(id.path("nonce").asText()).isEqualTo("nonce-1");
        assertThat(id.path("name").asText()).isEqualTo("Dana Dale");
        assertThat(graph.tokenIssuer().verify(tokens.path("access_token").asText())).isNotNull();
    }

    @Test
    void shouldRefuseAVerifierThatDoesNotMatchTheChallengeAndSpendTheCode() throws Exception {
        String code = signIn(authorizeParameters(), PASSWORD).get("code");

        HttpResponse<String> wrong = post(tokenEndpoint(), redemption(code, VERIFIER + "x"), null);
        HttpResponse<String> again = post(tokenEndpoint(), redemption(code, VERIFIER), null);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant", "AADSTS501481");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("AADSTS70008");
    }

    @Test
    void shouldRedeemACodeOnlyOnce() throws Exception {
        String code = signIn(authorizeParameters(), PASSWORD).get("code");

        assertThat(post(tokenEndpoint(), redemption(code, VERIFIER), null).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = post(tokenEndpoint(), redemption(code, VERIFIER), null);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("AADSTS70008");
    }

    @Test
    void shouldRefuseARedemptionWithAnotherRedirectUri() throws Exception {
        String code = signIn(authorizeParameters(), PASSWORD).get("code");
        Map<String, String> parameters = redemption(code, VERIFIER);
        parameters.put("redirect_uri", "http://127.0.0.1:5173/elsewhere");

        HttpResponse<String> response = post(tokenEndpoint(), parameters, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("AADSTS500112");
    }

    @Test
    void shouldKeepAWrongPasswordOnTheFormWithoutACode() throws Exception {
        Map<String, String> submitted = new LinkedHashMap<>(authorizeParameters());
        submitted.put("username", UPN);
        submitted.put("password", "wrong");

        HttpResponse<String> response = post(authorize(Map.of()), submitted, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("Your account or password is incorrect.");
    }

    @Test
    void shouldNeverRedirectToAnUnregisteredRedirectUri() throws Exception {
        Map<String, String> parameters = authorizeParameters();
        parameters.put("redirect_uri", "https://attacker.example/approvals");

        HttpResponse<String> response = get(authorize(parameters));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("AADSTS50011");
    }

    @Test
    void shouldNeverRedirectForAnUnknownOrConfidentialClient() throws Exception {
        Map<String, String> parameters = authorizeParameters();
        parameters.put("client_id", CONFIDENTIAL_ID);

        HttpResponse<String> response = get(authorize(parameters));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("AADSTS700016");
    }

    @Test
    void shouldSendARequestWithoutPkceBackToTheClientWithAnError() throws Exception {
        Map<String, String> withoutChallenge = authorizeParameters();
        withoutChallenge.remove("code_challenge");
        Map<String, String> plainChallenge = authorizeParameters();
        plainChallenge.put("code_challenge_method", "plain");

        for (Map<String, String> parameters : List.of(withoutChallenge, plainChallenge)) {
            HttpResponse<String> response = get(authorize(parameters));

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .startsWith(REDIRECT + "?error=invalid_request&error_description=").endsWith("&state=state-1");
        }
    }

    @Test
    void shouldAnswerTheBrowserCrossOriginOnlyFromARegisteredRedirectOrigin() throws Exception {
        HttpResponse<String> allowed = post(tokenEndpoint(), redemption("no-such-code", VERIFIER),
                "http://127.0.0.1:5173");
        HttpResponse<String> foreign = post(tokenEndpoint(), redemption("no-such-code", VERIFIER),
                "https://attacker.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:5173");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void shouldGiveTheUsersTokensForTheRightPasswordAndRefuseAWrongOne() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "password");
        parameters.put("client_id", SPA_ID);
        parameters.put("username", UPN);
        parameters.put("password", PASSWORD);
        parameters.put("scope", "api://" + SPA_ID + "/access_as_user");

        HttpResponse<String> good = post(tokenEndpoint(), parameters, null);
        parameters.put("password", "wrong");
        HttpResponse<String> bad = post(tokenEndpoint(), parameters, null);

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(claims(Json.MAPPER.readTree(good.body()).path("access_token").asText()).path("oid").asText())
                .isEqualTo(USER_ID);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid_grant", "AADSTS50126").doesNotContain("wrong");
    }

    @Test
    void shouldRefuseThePasswordGrantToAConfidentialClient() throws Exception {
        Map<String, String> parameters = Map.of("grant_type", "password", "client_id", CONFIDENTIAL_ID,
                "username", UPN, "password", PASSWORD, "scope", "User.Read");

        HttpResponse<String> response = post(tokenEndpoint(), parameters, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }
}
