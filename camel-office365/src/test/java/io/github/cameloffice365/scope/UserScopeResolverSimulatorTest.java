package io.github.cameloffice365.scope;

import static io.github.cameloffice365.graph.SimulatedTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.cameloffice365.graph.GraphClient;
import io.github.cameloffice365.graph.SimulatedTenant;
import io.github.cameloffice365.simulator.RecordedRequest;

/** Resolving the users of a scope against the Graph simulator (P2, U2, U3). */
class UserScopeResolverSimulatorTest {

    private static final int USERS = 126;
    private static final String GUEST = "u-guest";

    private static SimulatedTenant graph;
    private static UserScopeResolver resolver;

    @BeforeAll
    static void startSimulator() {
        graph = SimulatedTenant.start(tenant -> {
            for (int i = 1; i <= USERS; i++) {
                tenant.user(SimulatedTenant.user(userId(i), "user" + i + "@contoso.test",
                        i <= 3 ? "Finance" : "Sales", "Member", null));
            }
            tenant.user(SimulatedTenant.user(GUEST, "gail_fabrikam.test#EXT#@contoso.test", "Finance", "Guest", null));
            tenant.directoryObject(JsonNodeFactory.instance.objectNode().put("id", "d-1")
                    .put("@odata.type", "#microsoft.graph.device"));
            tenant.directoryObject(JsonNodeFactory.instance.objectNode().put("id", "c-1")
                    .put("@odata.type", "#microsoft.graph.orgContact"));
            List<String> finance = new ArrayList<>(IntStream.rangeClosed(1, 101).mapToObj(SimulatedTenant::userId)
                    .toList());
            finance.addAll(List.of("g-nested", "d-1", "c-1"));
            tenant.group(SimulatedTenant.group("g-fin", finance));
            tenant.group(SimulatedTenant.group("g-nested", List.of(userId(50))));
            tenant.group(SimulatedTenant.group("g-ops", List.of(userId(1), userId(102))));
        });
        GraphClient client = new GraphClient(graph.settings().build(), graph.tokens());
        resolver = new UserScopeResolver(client, graph.baseUrl());
    }

    @AfterAll
    static void stopSimulator() {
        graph.close();
    }

    @BeforeEach
    void reset() {
        graph.simulator().reset();
        // Graph's directory pages at 100 when asked for more
        graph.simulator().pageSize("/v1.0/users", 100);
        graph.simulator().pageSize("/v1.0/groups/{id}/transitiveMembers", 100);
    }

    private static List<String> ids(List<DirectoryUser> users) {
        return users.stream().map(DirectoryUser::id).toList();
    }

    private static List<String> userIds(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(SimulatedTenant::userId).toList();
    }

    @Test
    void shouldReadEveryUserOnEveryPage() throws IOException {
        List<DirectoryUser> users = resolver.resolve(UserScope.allUsers());

        List<String> expected = new ArrayList<>(userIds(1, USERS));
        expected.add(GUEST);
        assertThat(ids(users)).containsExactlyElementsOf(expected);
        assertThat(users.get(0)).isEqualTo(new DirectoryUser(userId(1), "user1@contoso.test", "user1@contoso.test",
                "Member", true));
        List<RecordedRequest> requests = graph.graphRequests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).pathAndQuery())
                .isEqualTo("/v1.0/users?$select=id,userPrincipalName,mail,userType,accountEnabled&$top=999");
        assertThat(requests.get(1).rawQuery()).contains("$skiptoken=");
    }

    @Test
    void shouldResolveGroupsToTheirDistinctUsers() throws IOException {
        List<DirectoryUser> users = resolver.resolve(UserScope.parse("g-fin,g-ops", null, graph.baseUrl()));

        assertThat(ids(users)).containsExactlyElementsOf(userIds(1, 102));
        assertThat(graph.graphRequests()).extracting(RecordedRequest::path).containsExactly(
                "/v1.0/groups/g-fin/transitiveMembers", "/v1.0/groups/g-fin/transitiveMembers",
                "/v1.0/groups/g-ops/transitiveMembers");
    }

    @Test
    void shouldFailNamingAGroupThatDoesNotExist() {
        assertThatThrownBy(() -> resolver.resolve(UserScope.parse("g-fin,g-gone", null, graph.baseUrl())))
                .isInstanceOfSatisfying(UserScopeException.class,
                        e -> assertThat(e.option()).isEqualTo("allowedGroups"))
                .hasMessageStartingWith("allowedGroups: the group 'g-gone' does not exist in the tenant")
                .hasMessageContaining("404 Request_ResourceNotFound");
    }

    @Test
    void shouldSendTheFilterOfAMicrosoftGraphUriToTheConfiguredBaseUrl() throws IOException {
        UserScope scope = UserScope.parse(null,
                "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'", graph.baseUrl());

        List<DirectoryUser> users = resolver.resolve(scope);

        assertThat(ids(users)).containsExactly(userId(1), userId(2), userId(3), GUEST);
        assertThat(users).filteredOn(DirectoryUser::mayHaveMailbox).extracting(DirectoryUser::id)
                .containsExactly(userId(1), userId(2), userId(3));
        assertThat(graph.graphRequests()).singleElement().satisfies(request -> assertThat(request.pathAndQuery())
                .isEqualTo("/v1.0/users?$select=id,userPrincipalName,mail,userType,accountEnabled&$top=999"
                        + "&$filter=Department%20eq%20'Finance'"));
    }

    @Test
    void shouldAskForEventualConsistencyWhenTheFilterCounts() throws IOException {
        UserScope scope = UserScope.parse(null,
                graph.baseUrl() + "/v1.0/users?$filter=department eq 'Finance'&$count=true", graph.baseUrl());

        assertThat(resolver.resolve(scope)).hasSize(4);
        assertThat(graph.graphRequests()).singleElement().satisfies(request -> {
            assertThat(request.rawQuery()).endsWith("&$count=true");
            assertThat(request.header("ConsistencyLevel")).contains("eventual");
        });
    }

    @Test
    void shouldRejectAFilterForAnotherHostBeforeAnyRequest() {
        assertThatThrownBy(() -> UserScope.parse(null,
                "https://evil.example/v1.0/users?$filter=department eq 'Finance'", graph.baseUrl()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userScopeFilterUri 'https://evil.example/v1.0/users?$filter=department eq"
                        + " 'Finance'' is not accepted");

        assertThat(graph.simulator().requests()).isEmpty();
    }

    @Test
    void shouldShowGraphsMessageAndTheOptionForABrokenFilter() {
        UserScope scope = UserScope.parse(null, graph.baseUrl() + "/v1.0/users?$filter=department eq 'Finance",
                graph.baseUrl());

        assertThatThrownBy(() -> resolver.resolve(scope))
                .isInstanceOfSatisfying(UserScopeException.class,
                        e -> assertThat(e.option()).isEqualTo("userScopeFilterUri"))
                .hasMessageStartingWith("userScopeFilterUri: Graph rejects the filter 'department eq 'Finance'")
                .hasMessageContaining("Invalid filter clause")
                .hasMessageContaining("(BadRequest)");
    }

    @Test
    void shouldShowGraphsMessageForAPropertyThatCannotBeFiltered() {
        UserScope scope = UserScope.parse(null, graph.baseUrl() + "/v1.0/users?$filter=aboutMe eq 'x'",
                graph.baseUrl());

        assertThatThrownBy(() -> resolver.resolve(scope))
                .isInstanceOf(UserScopeException.class)
                .hasMessageContaining("userScopeFilterUri")
                .hasMessageContaining("Unsupported or invalid query filter clause specified for property 'aboutMe'")
                .hasMessageContaining("(Request_UnsupportedQuery)");
    }
}
