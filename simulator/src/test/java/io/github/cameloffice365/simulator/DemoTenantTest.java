package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import io.github.cameloffice365.simulator.tenant.TenantUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo tenant shipped in {@code tenants/demo} loads and is served consistently. */
class DemoTenantTest {

    @RegisterExtension
    static GraphSimulatorExtension graph = GraphSimulatorExtension.forTenant("demo");

    @Test
    void everyUserIsListedAndEveryMailboxAnswersAsItsMetadataSays(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);
        Tenant tenant = simulator.tenant();

        JsonNode users = GraphClient.json(client.get("/v1.0/users?$top=999"));
        assertThat(users.path("value")).hasSize(tenant.users().size());

        for (TenantUser user : tenant.users()) {
            HttpResponse<String> messages = client.get("/v1.0/users/" + user.id() + "/messages?$top=1000");
            if (user.hasExchangeOnlineMailbox()) {
                assertThat(messages.statusCode()).as(user.userPrincipalName()).isEqualTo(200);
                assertThat(GraphClient.json(messages).path("value"))
                        .hasSize(tenant.mailbox(user.id()).messages().size());
            } else {
                assertThat(messages.statusCode()).as(user.userPrincipalName()).isEqualTo(404);
                assertThat(GraphClient.json(messages).path("error").path("code").asText())
                        .isEqualTo("MailboxNotEnabledForRESTAPI");
            }
        }
    }

    @Test
    void everyGroupExpandsToKnownMembers(GraphSimulator simulator) {
        GraphClient client = new GraphClient(simulator);

        for (TenantGroup group : simulator.tenant().groups().values()) {
            HttpResponse<String> members = client.get("/v1.0/groups/" + group.id() + "/transitiveMembers");

            assertThat(members.statusCode()).as(group.id()).isEqualTo(200);
            GraphClient.json(members).path("value")
                    .forEach(member -> assertThat(member.path("@odata.type").asText()).startsWith("#microsoft.graph."));
        }
    }

    @Test
    void theDemoApplicationIsTheDefaultApplication(GraphSimulator simulator) {
        Tenant fresh = TenantFixtures.fromClasspath("demo");

        assertThat(simulator.applicationClientId()).isEqualTo(fresh.applications().get(0).clientId());
        assertThat(simulator.tenantId()).isEqualTo(fresh.tenantId());
        assertThat(fresh.users()).anyMatch(user -> user.password() != null);
    }
}
