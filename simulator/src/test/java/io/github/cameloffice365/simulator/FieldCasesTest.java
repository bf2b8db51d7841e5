package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's side of the field cases: what a client meets, reproduced exactly. */
class FieldCasesTest {

    @RegisterExtension
    static GraphSimulatorExtension graph = GraphSimulatorExtension.forTenant(FieldCasesTest::tenant);

    private static Tenant tenant() {
        Tenant.Builder tenant = Tenant.builder();
        tenant.user(TestTenants.user(TestTenants.ALICE, "Alice Adams", "alice@contoso.test", "Finance", "Member",
                null));
        tenant.messages(TestTenants.ALICE, List.of(TestTenants.message("m1", "2024-03-01T01:00:00Z", "inbox", "a"),
                TestTenants.message("m2", "2024-03-01T02:00:00Z", "inbox", "b"),
                TestTenants.message("m3", "2024-03-01T03:00:00Z", "inbox", "c")));
        List<String> finance = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            tenant.user(TestTenants.user(id, "User " + i, "user" + i + "@contoso.test", "Finance", "Member", null));
            finance.add(id);
        }
        tenant.directoryObject(Json.object().put("id", "d-1").put("@odata.type", "#microsoft.graph.device"));
        tenant.directoryObject(Json.object().put("id", "c-1").put("@odata.type", "#microsoft.graph.orgContact"));
        tenant.group(new TenantGroup(Json.object().put("id", "g-nested").put("displayName", "Nested"), List.of()));
        List<String> members = new ArrayList<>(finance);
        members.addAll(List.of("g-nested", "d-1", "c-1"));
        tenant.group(new TenantGroup(Json.object().put("id", "g-fin").put("displayName", "Finance"), members));
        return tenant.build();
    }

    @Test
    void p1TheSecondPageIsServedOnlyForTheIssuedLinkByteForByte(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);
        simulator.pageSize("/v1.0/users/{id}/messages", 2);

        JsonNode first = GraphClient.json(client.get("/v1.0/users/alice@contoso.test/messages"));
        String link = first.path("@odata.nextLink").asText();
        JsonNode second = GraphClient.json(client.get(link));

        assertThat(first.path("value")).hasSize(2);
        assertThat(link).matches(".*\\$skiptoken=[A-Za-z0-9]+%3a[A-Za-z0-9]+$");
        assertThat(second.path("value")).hasSize(1);
        assertThat(simulator.requests()).hasSize(2);
        assertThat(simulator.baseUrl() + simulator.requests().get(1).pathAndQuery()).isEqualTo(link);
        HttpResponse<String> decoded = client.get(link.replace("%3a", ":"));
        assertThat(decoded.statusCode()).isEqualTo(400);
    }

    @Test
    void p3EmptyPagesWithNextLinksComeBeforeTheRows(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);
        ObjectNode row = Json.object().put("id", "r1");
        simulator.scriptPages("/v1.0/users/{id}/messages", List.of(List.of(), List.of(), List.of(row, row)));

        int rows = 0;
        int calls = 0;
        String next = "/v1.0/users/alice@contoso.test/messages";
        while (next != null && calls < 10) {
            JsonNode page = GraphClient.json(client.get(next));
            calls++;
            rows += page.path("value").size();
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }

        assertThat(calls).isEqualTo(3);
        assertThat(rows).isEqualTo(2);
    }

    @Test
    void t1A429WithRetryAfterIsFramedWithContentLengthThenTheRetrySucceeds(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);
        simulator.faults().on("GET", "/v1.0/users/{id}/messages").respond(429).header("Retry-After", "2");

        HttpResponse<String> throttled = client.get("/v1.0/users/alice@contoso.test/messages");
        HttpResponse<String> retried = client.get("/v1.0/users/alice@contoso.test/messages");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(throttled.headers().firstValue("Content-Length")).isPresent();
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(GraphClient.json(retried).path("value")).hasSize(3);
    }

    @Test
    void u2TransitiveMembersPage100ThenTheRestWithNonUsersTyped(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);

        JsonNode first = GraphClient.json(client.get("/v1.0/groups/g-fin/transitiveMembers"));
        JsonNode second = GraphClient.json(client.get(first.path("@odata.nextLink").asText()));

        assertThat(first.path("value")).hasSize(100);
        List<String> types = new ArrayList<>();
        second.path("value").forEach(member -> types.add(member.path("@odata.type").asText()));
        assertThat(types).containsExactly("#microsoft.graph.user", "#microsoft.graph.group",
                "#microsoft.graph.device", "#microsoft.graph.orgContact");
    }
}
