package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryTest {

    private static GraphSimulator simulator;
    private static GraphClient client;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.builder().tenant(TestTenants.small()).start();
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

    private static String filter(String clause) {
        return "/v1.0/users?$filter=" + URLEncoder.encode(clause, StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("value").forEach(item -> names.add(item.path("displayName").asText()));
        return names;
    }

    @Test
    void listsUsersWithTheDefaultPropertiesOnly() {
        JsonNode page = GraphClient.json(client.get("/v1.0/users"));

        assertThat(page.path("@odata.context").asText()).isEqualTo(simulator.baseUrl() + "/v1.0/$metadata#users");
        assertThat(page.path("value")).hasSize(5);
        JsonNode first = page.path("value").get(0);
        assertThat(first.has("id")).isTrue();
        assertThat(first.has("userPrincipalName")).isTrue();
        assertThat(first.has("department")).isFalse();
        assertThat(first.has("_mailbox")).isFalse();
        assertThat(page.has("@odata.nextLink")).isFalse();
    }

    @Test
    void selectReturnsExactlyTheSelectedProperties() {
        JsonNode page = GraphClient.json(client.get("/v1.0/users?$select=displayName,Department"));

        JsonNode first = page.path("value").get(0);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.path("department").asText()).isEqualTo("Finance");
        assertThat(page.path("@odata.context").asText()).endsWith("#users(displayName,department)");
    }

    @Test
    void sharePointProfilePropertiesAreRefusedOnTheListButServedForOneUser() {
        HttpResponse<String> list = client.get("/v1.0/users?$select=id,aboutMe");
        JsonNode bob = GraphClient.json(client.get("/v1.0/users/bob@contoso.test?$select=id,aboutMe,skills"));

        assertThat(list.statusCode()).isEqualTo(400);
        assertThat(bob.path("aboutMe").asText()).isEqualTo("Runs the warehouse");
        assertThat(bob.path("skills").get(0).asText()).isEqualTo("logistics");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Department eq 'Finance'|Alice Adams,Gail Guest,Olga Onprem",
        "department eq 'finance' and userType eq 'Member'|Alice Adams,Olga Onprem",
        "startswith(displayName,'b') or accountEnabled eq false|Bob Brown,Dan Disabled",
        "userPrincipalName eq 'bob@contoso.test'|Bob Brown"
    })
    void filtersUsers(String clause, String expected) {
        JsonNode page = GraphClient.json(client.get(filter(clause) + "&$select=displayName"));

        assertThat(names(page)).containsExactly(expected.split(","));
    }

    @Test
    void anUnsupportedFilterPropertyIsRequestUnsupportedQuery() {
        HttpResponse<String> response = client.get(filter("aboutMe eq 'x'"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = GraphClient.json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("Request_UnsupportedQuery");
        assertThat(error.path("message").asText()).isEqualTo(
                "Unsupported or invalid query filter clause specified for property 'aboutMe' of resource 'User'.");
    }

    @Test
    void aBrokenFilterIsBadRequest() {
        HttpResponse<String> response = client.get(filter("department eq 'Finance"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = GraphClient.json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("BadRequest");
        assertThat(error.path("message").asText()).startsWith("Invalid filter clause");
    }

    @Test
    void pagesOf100Then26UsersFollowingTheNextLink() {
        Tenant.Builder tenant = Tenant.builder();
        for (int i = 0; i < 126; i++) {
            tenant.user(TestTenants.user(String.format("00000000-0000-4000-8000-%012d", i), "User " + i,
                    "user" + i + "@contoso.test", "Finance", "Member", null));
        }
        try (GraphSimulator big = GraphSimulator.builder().tenant(tenant.build()).start()) {
            GraphClient bigClient = new GraphClient(big);
            JsonNode first = GraphClient.json(bigClient.get("/v1.0/users"));
            String next = first.path("@odata.nextLink").asText();
            JsonNode second = GraphClient.json(bigClient.get(next));

            assertThat(first.path("value")).hasSize(100);
            assertThat(next).startsWith(big.baseUrl() + "/v1.0/users?$skiptoken=").contains("%3a");
            assertThat(second.path("value")).hasSize(26);
            assertThat(second.has("@odata.nextLink")).isFalse();
            assertThat(second.path("value").get(25).path("displayName").asText()).isEqualTo("User 125");
        }
    }

    @Test
    void aNextLinkThatDiffersInOneByteIsRefused() {
        simulator.pageSize("/v1.0/users", 2);
        String next = GraphClient.json(client.get("/v1.0/users?$top=5")).path("@odata.nextLink").asText();

        HttpResponse<String> upperCased = client.get(next.replace("%3a", "%3A"));
        HttpResponse<String> exact = client.get(next);

        assertThat(upperCased.statusCode()).isEqualTo(400);
        assertThat(exact.statusCode()).isEqualTo(200);
        assertThat(GraphClient.json(exact).path("value")).hasSize(2);
    }

    @Test
    void transitiveMembersExpandNestedGroupsAndTypeEveryMember() {
        JsonNode page = GraphClient.json(client.get("/v1.0/groups/g-fin/transitiveMembers"));

        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        page.path("value").forEach(member -> {
            types.add(member.path("@odata.type").asText());
            ids.add(member.path("id").asText());
        });
        assertThat(ids).containsExactly(TestTenants.ALICE, TestTenants.GROUP_NESTED, TestTenants.ORG_CONTACT,
                TestTenants.BOB, TestTenants.DEVICE);
        assertThat(types).containsExactly("#microsoft.graph.user", "#microsoft.graph.group",
                "#microsoft.graph.orgContact", "#microsoft.graph.user", "#microsoft.graph.device");
    }

    @Test
    void theUserCastReturnsUsersOnly() {
        JsonNode page = GraphClient.json(client.get("/v1.0/groups/g-fin/transitiveMembers/microsoft.graph.user"));

        assertThat(page.path("value")).hasSize(2);
        assertThat(names(page)).containsExactly("Alice Adams", "Bob Brown");
    }

    @Test
    void anUnknownGroupIsNotFoundNamingIt() {
        HttpResponse<String> response = client.get("/v1.0/groups/g-missing/transitiveMembers");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = GraphClient.json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("Request_ResourceNotFound");
        assertThat(error.path("message").asText()).contains("g-missing");
    }

    @Test
    void managerAndDirectReports() {
        JsonNode manager = GraphClient.json(client.get("/v1.0/users/" + TestTenants.BOB + "/manager"));
        JsonNode reports = GraphClient.json(client.get("/v1.0/users/" + TestTenants.ALICE + "/directReports"));
        HttpResponse<String> none = client.get("/v1.0/users/" + TestTenants.ALICE + "/manager");

        assertThat(manager.path("id").asText()).isEqualTo(TestTenants.ALICE);
        assertThat(manager.path("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
        assertThat(names(reports)).containsExactly("Bob Brown");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(GraphClient.json(none).path("error").path("code").asText()).isEqualTo("Request_ResourceNotFound");
    }

    @Test
    void scriptedPagesServeEmptyPagesWithNextLinks() {
        ObjectNode one = Json.object().put("id", "x1");
        ObjectNode two = Json.object().put("id", "x2");
        simulator.scriptPages("/v1.0/users/{id}/messages", List.of(List.of(), List.of(), List.of(one, two)));

        JsonNode first = GraphClient.json(client.get("/v1.0/users/alice@contoso.test/messages"));
        JsonNode second = GraphClient.json(client.get(first.path("@odata.nextLink").asText()));
        JsonNode third = GraphClient.json(client.get(second.path("@odata.nextLink").asText()));

        assertThat(first.path("value")).isEmpty();
        assertThat(second.path("value")).isEmpty();
        assertThat(third.path("value")).hasSize(2);
        assertThat(third.has("@odata.nextLink")).isFalse();
    }
}
