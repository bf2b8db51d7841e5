package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cameloffice365.simulator.tenant.GeneratedTenant;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedTenantTest {

    @Test
    void theSameSettingsGiveTheSameTenant() {
        Tenant first = GeneratedTenant.builder().users(3).messagesPerUser(5).build();
        Tenant second = GeneratedTenant.builder().users(3).messagesPerUser(5).build();

        String userId = first.users().get(2).id();
        assertThat(second.users().get(2).id()).isEqualTo(userId);
        assertThat(first.mailbox(userId).messages().item(4)).isEqualTo(second.mailbox(userId).messages().item(4));
        assertThat(first.applications().get(0).clientSecret()).isEqualTo(second.applications().get(0).clientSecret());
    }

    @Test
    void aLargeMailboxIsBuiltOnDemandAndALargePageIsStreamed() {
        // 1,500 messages of 200 kB: a 300 MB mailbox that exists only while a page is written
        Tenant tenant = GeneratedTenant.builder().users(2).messagesPerUser(1_500).bodyBytes(200_000)
                .attachments(true).build();
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant).start()) {
            GraphClient client = new GraphClient(simulator);
            String userId = tenant.users().get(1).id();

            HttpResponse<String> page = client.get("/v1.0/users/" + userId + "/messages?$top=20&$expand=attachments");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Length")).isEmpty();
            JsonNode value = GraphClient.json(page).path("value");
            assertThat(value).hasSize(20);
            assertThat(value.get(0).path("body").path("content").asText().length()).isGreaterThan(200_000);
            assertThat(value.get(0).path("attachments")).hasSize(1);
            assertThat(GraphClient.json(page).path("@odata.nextLink").asText()).contains("%3a");
        }
    }

    @Test
    void theGroupOfAllUsersAndTheManagementChainAreGenerated() {
        Tenant tenant = GeneratedTenant.builder().users(12).messagesPerUser(0).build();

        assertThat(tenant.groups().values().iterator().next().memberIds()).hasSize(12);
        assertThat(tenant.directReports(tenant.users().get(0).id())).hasSize(5);
    }
}
