package io.github.cameloffice365.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.RecordedRequest;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantGroup;

/**
 * A Graph simulator serving a small made-up tenant, with the Graph client and token source the tests point at it.
 */
public final class SimulatedTenant implements AutoCloseable {

    public static final String TENANT_ID = "7e1d2c3b-4a59-4867-9f00-112233445566";
    public static final String CLIENT_ID = "c0ffee00-0000-4000-8000-00000000000a";
    public static final String CLIENT_SECRET = "simulated-client-secret-0123456789";
    public static final String ALICE = "a0000000-0000-4000-8000-000000000001";
    public static final String BOB = "b0000000-0000-4000-8000-000000000002";

    private final GraphSimulator simulator;

    private SimulatedTenant(GraphSimulator simulator) {
        this.simulator = simulator;
    }

    /** Starts a simulator serving the tenant the builder describes; the builder already holds the application. */
    public static SimulatedTenant start(Consumer<Tenant.Builder> tenant) {
        return start(tenant, simulator -> { });
    }

    /** Starts a simulator serving the tenant, configured further by the second consumer. */
    public static SimulatedTenant start(Consumer<Tenant.Builder> tenant, Consumer<GraphSimulator.Builder> options) {
        Tenant.Builder builder = Tenant.builder().tenantId(TENANT_ID).displayName("Contoso (test)")
                .defaultDomain("contoso.test")
                .application(new TenantApplication(CLIENT_ID, "extractor", CLIENT_SECRET, List.of(ALICE)));
        tenant.accept(builder);
        GraphSimulator.Builder simulator = GraphSimulator.builder().tenant(builder.build());
        options.accept(simulator);
        return new SimulatedTenant(simulator.start());
    }

    public GraphSimulator simulator() {
        return simulator;
    }

    public String baseUrl() {
        return simulator.baseUrl();
    }

    /** A token source for the tenant's application, trusting the simulator's certificate. */
    public MsalAccessTokenSource tokens() {
        return tokenBuilder().build();
    }

    public MsalAccessTokenSource.Builder tokenBuilder() {
        return MsalAccessTokenSource.builder().authorityHost(simulator.authorityHost()).tenantId(TENANT_ID)
                .clientId(CLIENT_ID).clientSecret(CLIENT_SECRET).sslContext(simulator.sslContext())
                .timeout(Duration.ofSeconds(10));
    }

    /** Settings for the simulator: short delays, a short request timeout; change what a test needs. */
    public GraphClientSettings.Builder settings() {
        return GraphClientSettings.builder().graphBaseUrl(simulator.baseUrl()).sslContext(simulator.sslContext())
                .retryBaseDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5));
    }

    /** The Graph requests received (not the token requests), oldest first. */
    public List<RecordedRequest> graphRequests() {
        return simulator.requests().stream().filter(request -> request.path().startsWith("/v1.0/")).toList();
    }

    /** The token requests received. */
    public List<RecordedRequest> tokenRequests() {
        return simulator.requests().stream().filter(request -> request.path().endsWith("/oauth2/v2.0/token"))
                .toList();
    }

    @Override
    public void close() {
        simulator.close();
    }

    public static ObjectNode user(String id, String upn, String department, String userType, String mailbox) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("id", id);
        user.put("displayName", upn.substring(0, upn.indexOf('@')));
        user.put("userPrincipalName", upn);
        user.put("mail", upn.contains("#EXT#") ? null : upn);
        user.put("department", department);
        user.put("userType", userType);
        user.put("accountEnabled", true);
        if (mailbox != null) {
            user.put("_mailbox", mailbox);
        }
        return user;
    }

    public static ObjectNode member(String id, String upn) {
        return user(id, upn, "Sales", "Member", null);
    }

    public static List<ObjectNode> messages(int count) {
        List<ObjectNode> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ObjectNode message = JsonNodeFactory.instance.objectNode();
            message.put("id", "m" + i);
            message.put("subject", "Message " + i);
            message.put("receivedDateTime", String.format("2024-03-01T%02d:00:00Z", i % 24));
            messages.add(message);
        }
        return messages;
    }

    public static ObjectNode item(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    public static TenantGroup group(String id, List<String> memberIds) {
        return new TenantGroup(JsonNodeFactory.instance.objectNode().put("id", id).put("displayName", id)
                .put("securityEnabled", true), memberIds);
    }

    /** A user id that sorts by its number: u-0001, u-0002... */
    public static String userId(int number) {
        return String.format("u-%04d", number);
    }
}
