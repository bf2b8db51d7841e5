package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1.0/applications(appId='{appId}')/owners}: the owners of a registered application. */
class ApplicationOwnersTest {

    private static final String APP_ID = "c0ffee00-1111-4222-8333-444455556666";
    private static final String OWNERS = "/v1.0/applications(appId='" + APP_ID + "')/owners";

    private static GraphSimulator simulator;
    private static GraphClient client;

    @BeforeAll
    static void start() {
        Tenant.Builder tenant = Tenant.builder().tenantId(TestTenants.TENANT_ID).defaultDomain("contoso.test")
                .application(new TenantApplication(TestTenants.CLIENT_ID, "extractor", TestTenants.CLIENT_SECRET,
                        List.of(TestTenants.ALICE)))
                .application(new TenantApplication(APP_ID, "reporting", "reporting-secret",
                        List.of(TestTenants.ALICE, TestTenants.BOB)));
        tenant.user(TestTenants.user(TestTenants.ALICE, "Alice Adams", "alice@contoso.test", "Finance", "Member",
                null));
        tenant.user(TestTenants.user(TestTenants.BOB, "Bob Brown", "bob@contoso.test", "Operations", "Member", null));
        simulator = GraphSimulator.builder().tenant(tenant.build()).start();
        client = new GraphClient(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldListTheOwnersAsDirectoryObjectsWithTheDefaultUserProperties() {
        JsonNode page = GraphClient.json(client.get(OWNERS));

        assertThat(page.path("@odata.context").asText())
                .isEqualTo(simulator.baseUrl() + "/v1.0/$metadata#directoryObjects");
        assertThat(page.path("value")).hasSize(2);
        JsonNode alice = page.path("value").get(0);
        assertThat(alice.path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(alice.path("id").asText()).isEqualTo(TestTenants.ALICE);
        assertThat(alice.path("userPrincipalName").asText()).isEqualTo("alice@contoso.test");
        assertThat(alice.has("department")).isFalse();
        assertThat(page.has("@odata.nextLink")).isFalse();
    }

    @Test
    void shouldServeExactlyTheSelectedPropertiesWhateverTheCaseOfTheKey() {
        JsonNode page = GraphClient.json(client.get(
                "/v1.0/APPLICATIONS(APPID='" + APP_ID + "')/Owners?$select=id,userPrincipalName"));

        JsonNode bob = page.path("value").get(1);
        assertThat(bob.size()).isEqualTo(3);
        assertThat(bob.path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(bob.path("userPrincipalName").asText()).isEqualTo("bob@contoso.test");
        assertThat(page.path("@odata.context").asText()).endsWith("#directoryObjects(id,userPrincipalName)");
    }

    @Test
    void shouldPageWithTopAndFollowTheNextLink() {
        List<String> ids = new ArrayList<>();
        JsonNode page = GraphClient.json(client.get(OWNERS + "?$top=1&$select=id"));
        int pages = 1;
        page.path("value").forEach(owner -> ids.add(owner.path("id").asText()));
        while (page.hasNonNull("@odata.nextLink") && pages < 5) {
            assertThat(page.path("@odata.nextLink").asText()).startsWith(simulator.baseUrl() + "/v1.0/");
            page = GraphClient.json(client.get(page.path("@odata.nextLink").asText()));
            page.path("value").forEach(owner -> ids.add(owner.path("id").asText()));
            pages++;
        }

        assertThat(pages).isEqualTo(2);
        assertThat(ids).containsExactly(TestTenants.ALICE, TestTenants.BOB);
    }

    @Test
    void shouldAnswer404RequestResourceNotFoundForAnUnknownAppId() {
        String unknown = "deadbeef-0000-4000-8000-000000000000";
        HttpResponse<String> response = client.get("/v1.0/applications(appId='" + unknown + "')/owners");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = GraphClient.json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("Request_ResourceNotFound");
        assertThat(error.path("message").asText()).contains(unknown);
    }

    @Test
    void shouldRefuseAnotherSegmentAfterTheApplication() {
        HttpResponse<String> response = client.get("/v1.0/applications(appId='" + APP_ID + "')/members");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GraphClient.json(response).path("error").path("message").asText()).contains("members");
    }
}
