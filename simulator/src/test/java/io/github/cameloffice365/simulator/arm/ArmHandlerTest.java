package io.github.cameloffice365.simulator.arm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.arm.AzureResources.PolicyState;
import io.github.cameloffice365.simulator.arm.AzureResources.StorageAccount;
import io.github.cameloffice365.simulator.arm.AzureResources.Subscription;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Resource Manager calls of the policy check, as the simulator answers them. */
class ArmHandlerTest {

    static final String TENANT = "0f0e0d0c-0b0a-4909-8808-070605040302";
    static final String FOREIGN_TENANT = "9a9b9c9d-0000-4000-8000-00000000f00f";
    static final String SUBSCRIPTION = "5d0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String DELEGATED = "6e1d2b3c-4d5e-4f60-9bac-1d2e3f4a5b6c";
    static final String SEALED = "7f2e3c4d-5e6f-4071-acbd-2e3f4a5b6c7d";
    static final String ARM = "https://management.azure.com";

    AzureResources azure = new AzureResources();
    StorageAccount lake = StorageAccount.of(SUBSCRIPTION, "analytics", "contosolake", "westeurope");
    GraphSimulator simulator;
    HttpClient http;

    @BeforeEach
    void start() {
        azure.subscription(SUBSCRIPTION, TENANT, "Contoso analytics")
                .subscription(new Subscription(DELEGATED, FOREIGN_TENANT, "Partner lake", List.of(TENANT)))
                .subscription(SEALED, FOREIGN_TENANT, "Someone else's")
                .storageAccount(lake)
                .storageAccount(StorageAccount.of(SUBSCRIPTION, "analytics", "contosoarchive", "northeurope"))
                .storageAccount(StorageAccount.of(SUBSCRIPTION, "analytics", "contososcratch", "eastus"));
        Tenant tenant = Tenant.builder().tenantId(TENANT).displayName("Contoso Test")
                .application(new TenantApplication("a1b2c3d4-0000-4000-8000-000000000001", "extractor", "s3cret",
                        List.of()))
                .build();
        simulator = ArmHandler.mount(GraphSimulator.builder().tenant(tenant), azure).start();
        http = HttpClient.newBuilder().sslContext(simulator.sslContext()).build();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldListTheSubscriptionsTheTenantCanReadIncludingDelegatedOnes() throws Exception {
        JsonNode list = get("/subscriptions?api-version=2022-12-01", 200);

        assertThat(list.path("value").findValuesAsText("subscriptionId")).containsExactly(SUBSCRIPTION, DELEGATED);
        assertThat(list.path("value").get(1).path("tenantId").asText()).isEqualTo(FOREIGN_TENANT);
    }

    @Test
    void shouldGiveASubscriptionsTenantAndRefuseATokenOfAnotherTenant() throws Exception {
        assertThat(get("/subscriptions/" + SUBSCRIPTION + "?api-version=2022-12-01", 200).path("tenantId").asText())
                .isEqualTo(TENANT);
        assertThat(get("/subscriptions/" + DELEGATED + "?api-version=2022-12-01", 200).path("tenantId").asText())
                .isEqualTo(FOREIGN_TENANT);

        JsonNode refused = get("/subscriptions/" + SEALED + "?api-version=2022-12-01", 401);
        assertThat(refused.path("error").path("code").asText()).isEqualTo("InvalidAuthenticationTokenTenant");
        assertThat(refused.path("error").path("message").asText()).contains(FOREIGN_TENANT);
        assertThat(get("/subscriptions/00000000-0000-0000-0000-000000000000?api-version=2022-12-01", 404)
                .path("error").path("code").asText()).isEqualTo("SubscriptionNotFound");
    }

    @Test
    void shouldPageStorageAccountsWithANextLinkOnTheSameHost() throws Exception {
        azure.listPageSize(2);

        JsonNode first = get("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Storage/storageAccounts"
                             + "?api-version=2023-05-01", 200);
        String nextLink = first.path("nextLink").asText();
        JsonNode second = get(nextLink.substring(simulator.baseUrl().length()), 200);

        assertThat(names(first)).containsExactly("contosolake", "contosoarchive");
        assertThat(nextLink).startsWith(simulator.baseUrl() + "/subscriptions/");
        assertThat(names(second)).containsExactly("contososcratch");
        assertThat(second.has("nextLink")).isFalse();
    }

    @Test
    void shouldDescribeAStorageAccountAsResourceManagerDoes() throws Exception {
        JsonNode account = get(lake.id() + "?api-version=2023-05-01", 200);

        assertThat(account.path("id").asText()).isEqualTo(lake.id());
        assertThat(account.path("location").asText()).isEqualTo("westeurope");
        assertThat(account.path("properties").path("allowSharedKeyAccess").asBoolean(true)).isFalse();
        assertThat(account.path("properties").path("primaryEndpoints").path("dfs").asText())
                .isEqualTo("https://contosolake.dfs.core.windows.net/");
        assertThat(get("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/analytics/providers/Microsoft.Storage"
                       + "/storageAccounts/nosuchaccount?api-version=2023-05-01", 404).path("error").path("code")
                .asText()).isEqualTo("ResourceNotFound");
    }

    @Test
    void shouldSummarizeCompliance() throws Exception {
        String summarize = lake.id() + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize"
                           + "?api-version=2019-10-01";
        azure.policyStates(lake.id(), List.of(
                new PolicyState("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/policyAssignments/storage",
                        "/providers/Microsoft.Authorization/policyDefinitions/secure-transfer", "audit", true)));
        assertThat(post(summarize, 200).path("value").path(0).path("results").path("nonCompliantResources").asInt())
                .isZero();

        azure.policyStates(lake.id(), List.of(
                new PolicyState("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/policyAssignments/storage",
                        "/providers/Microsoft.Authorization/policyDefinitions/secure-transfer", "audit", true),
                new PolicyState("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Authorization/policyAssignments/storage",
                        "/providers/Microsoft.Authorization/policyDefinitions/no-public-network", "deny", false)));
        JsonNode summary = post(summarize, 200).path("value").path(0);

        assertThat(summary.path("results").path("nonCompliantResources").asInt()).isEqualTo(1);
        assertThat(summary.path("results").path("nonCompliantPolicies").asInt()).isEqualTo(1);
        JsonNode definitions = summary.path("policyAssignments").path(0).path("policyDefinitions");
        assertThat(definitions.get(1).path("policyDefinitionId").asText()).endsWith("/no-public-network");
        assertThat(definitions.get(1).path("results").path("nonCompliantResources").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRequireAResourceManagerTokenAndAnApiVersion() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/subscriptions?api-version=2022-12-01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Json.MAPPER.readTree(anonymous.body()).path("error").path("code").asText())
                .isEqualTo("AuthenticationFailed");

        HttpResponse<String> graphToken = http.send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/subscriptions?api-version=2022-12-01"))
                .header("Authorization", "Bearer " + simulator.accessToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(graphToken.statusCode()).isEqualTo(401);
        assertThat(graphToken.body()).contains("InvalidAuthenticationToken").contains("wrong audience");

        assertThat(get("/subscriptions", 400).path("error").path("code").asText())
                .isEqualTo("MissingApiVersionParameter");
        assertThat(get("/subscriptions?api-version=1999-01-01", 400).path("error").path("code").asText())
                .isEqualTo("InvalidApiVersionParameter");
    }

    @Test
    void shouldRecordResourceManagerCallsAsNoDataRequests() throws Exception {
        get("/subscriptions?api-version=2022-12-01", 200);

        assertThat(simulator.requests()).extracting(r -> r.path()).contains("/subscriptions");
        assertThat(simulator.dataRequests()).isEmpty();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("value").forEach(account -> names.add(account.path("name").asText()));
        return names;
    }

    private JsonNode get(String pathAndQuery, int expectedStatus) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).GET(), expectedStatus);
    }

    private JsonNode post(String pathAndQuery, int expectedStatus) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()), expectedStatus);
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer "
                                                                               + simulator.accessToken(ARM)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(response.body());
    }
}
