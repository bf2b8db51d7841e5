package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.governance.consent.GraphApplicationOwners;
import io.github.cameloffice365.governance.consent.JdbcConsentLedger;
import io.github.cameloffice365.governance.consent.RunContexts;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.identity.UserSignIn;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A whole approvers' setup on loopback: the Graph simulator with users' sign-in, an H2 consent ledger, and the
 * approvers' routes on a Vert.x platform-http server.
 */
final class ApproversTestBed implements AutoCloseable {

    static final String TENANT_ID = "7d9a2c4e-5b1f-4e8a-9c3d-2f6b8a1e0c57";
    /** The application that requests: the service principal of {@link RunContexts}, owned by Bob and Dave. */
    static final String EXTRACTOR_CLIENT_ID = RunContexts.SERVICE_PRINCIPAL;
    static final String APPROVALS_CLIENT_ID = "5e8b1d3f-7a9c-4e2b-8d6f-0a2c4e6b8d43";
    static final String APPROVER_GROUP_ID = "9b2d4f6a-8c0e-4a1b-9d3f-5e7a9c1b3d65";
    static final String NESTED_GROUP_ID = "1a3c5e7b-9d0f-4b2a-8c4e-6f8a0b2c4d87";
    static final String PASSWORD = "Approve-with-care-1";

    /** A direct member of the approver group. */
    static final TestUser ALICE = new TestUser("a11ce000-0000-4000-8000-000000000001", "alice@contoso.test", "Alice Adams");
    /** A member through a nested group; files the requests of the tests. */
    static final TestUser BOB = new TestUser("b0b00000-0000-4000-8000-000000000002", "bob@contoso.test", "Bob Brown");
    /** Not in the approver group. */
    static final TestUser CAROL = new TestUser("ca201000-0000-4000-8000-000000000003", "carol@contoso.test",
            "Carol Clark");
    /** A guest in the approver group. */
    static final TestUser GAIL = new TestUser("6a110000-0000-4000-8000-000000000004",
            "gail_partner.test#EXT#@contoso.test", "Gail Guest");

    /** A direct member of the approver group who co-owns the requesting application but files no request. */
    static final TestUser DAVE = new TestUser("da7e0000-0000-4000-8000-000000000005", "dave@contoso.test",
            "Dave Davis");

    record TestUser(String id, String upn, String name) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final GraphSimulator graph;
    private final JdbcConsentLedger ledger;
    private final CamelContext camel;
    private final VertxPlatformHttpServer server;
    private final HttpClient http;
    private final ApproversConfiguration configuration;

    ApproversTestBed() throws Exception {
        this(Clock.systemUTC());
    }

    ApproversTestBed(Clock clock) throws Exception {
        this(tenant(), APPROVALS_CLIENT_ID, APPROVER_GROUP_ID, clock);
    }

    /** The setup over another tenant, its approvers' app and its approver group. */
    ApproversTestBed(Tenant tenant, String approvalsClientId, String approverGroupId, Clock clock) throws Exception {
        graph = UserSignIn.install(GraphSimulator.builder().tenant(tenant).clock(clock), tenant).start();
        ledger = JdbcConsentLedger.forJdbcUrl("jdbc:h2:mem:approvals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", JdbcConsentLedger.DEFAULT_REQUEST_LIFETIME, JdbcConsentLedger.DEFAULT_APPROVAL_LIFETIME);
        configuration = new ApproversConfiguration();
        configuration.setAuthority(graph.authority());
        configuration.setTenantId(tenant.tenantId());
        configuration.setClientId(approvalsClientId);
        configuration.setApproverGroupId(approverGroupId);
        configuration.setGraphBaseUrl(graph.baseUrl());

        camel = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration serverConfiguration = new VertxPlatformHttpServerConfiguration();
        serverConfiguration.setBindHost("127.0.0.1");
        serverConfiguration.setBindPort(0);
        server = new VertxPlatformHttpServer(serverConfiguration);
        camel.addService(server);
        camel.addRoutes(new ApproversRoutes(configuration, ledger, graph::accessToken, graph.sslContext(), clock));
        camel.start();
        http = HttpClient.newBuilder().sslContext(graph.sslContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static Tenant tenant() {
        Tenant.Builder tenant = Tenant.builder().tenantId(TENANT_ID).displayName("Contoso Approvals Test")
                .defaultDomain("contoso.test")
                .application(new TenantApplication(EXTRACTOR_CLIENT_ID, "extractor", "extractor-secret-value",
                        List.of(BOB.id(), DAVE.id())))
                .application(new TenantApplication(APPROVALS_CLIENT_ID, "Consent approvals", null, List.of(),
                        List.of(), List.of("http://127.0.0.1/approvals"), true));
        tenant.user(user(ALICE, "Member"));
        tenant.user(user(BOB, "Member"));
        tenant.user(user(CAROL, "Member"));
        tenant.user(user(GAIL, "Guest"));
        tenant.user(user(DAVE, "Member"));
        tenant.group(new TenantGroup(group(NESTED_GROUP_ID, "Deputy approvers"), List.of(BOB.id())));
        tenant.group(new TenantGroup(group(APPROVER_GROUP_ID, "Data access approvers"),
                List.of(ALICE.id(), NESTED_GROUP_ID, GAIL.id(), DAVE.id())));
        return tenant.build();
    }

    private static ObjectNode user(TestUser user, String userType) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", user.id());
        node.put("displayName", user.name());
        node.put("userPrincipalName", user.upn());
        node.put("mail", user.upn());
        node.put("userType", userType);
        node.put("accountEnabled", true);
        node.put("_password", PASSWORD);
        return node;
    }

    private static ObjectNode group(String id, String name) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("displayName", name);
        node.put("securityEnabled", true);
        node.put("mailEnabled", false);
        return node;
    }

    GraphSimulator graph() {
        return graph;
    }

    CamelContext camel() {
        return camel;
    }

    /** The owners of the tenant's applications, read from the simulator's Graph with the application's token. */
    GraphApplicationOwners applicationOwners() {
        return new GraphApplicationOwners(graph.baseUrl(), scope -> graph.accessToken(), graph.sslContext());
    }

    JdbcConsentLedger ledger() {
        return ledger;
    }

    ApproversConfiguration configuration() {
        return configuration;
    }

    /** The approvers' server, e.g. {@code http://127.0.0.1:PORT}. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** The tenant's token endpoint. */
    URI tokenEndpoint() {
        return URI.create(graph.baseUrl() + "/" + graph.tenantId() + "/oauth2/v2.0/token");
    }

    /** An access token of a test user for the approvers' API, through the password grant. */
    String accessTokenOf(TestUser user) throws IOException, InterruptedException {
        String clientId = configuration.getClientId();
        JsonNode answer = postForm(tokenEndpoint(), Map.of("grant_type", "password", "client_id", clientId,
                "username", user.upn(), "password", PASSWORD, "scope",
                "openid profile api://" + clientId + "/access_as_user"));
        if (!answer.hasNonNull("access_token")) {
            throw new IllegalStateException("No token for " + user.upn() + ": " + answer);
        }
        return answer.get("access_token").asText();
    }

    JsonNode postForm(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(response.body());
    }

    /** Calls the approvers' API. */
    HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    HttpClient httpClient() {
        return http;
    }

    @Override
    public void close() throws Exception {
        camel.close();
        ledger.close();
        graph.close();
    }
}
