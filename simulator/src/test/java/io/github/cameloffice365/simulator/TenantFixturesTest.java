package io.github.cameloffice365.simulator;

import io.github.cameloffice365.simulator.tenant.MailboxKind;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import io.github.cameloffice365.simulator.tenant.TenantUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantFixturesTest {

    private static void write(Path folder, String relative, String json) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private static void writeTenant(Path folder) throws IOException {
        write(folder, "tenant.json", """
                {"tenantId": "t-1", "displayName": "Fabrikam", "defaultDomain": "fabrikam.test",
                 "officeRegion": "Europe",
                 "applications": [{"clientId": "app-1", "displayName": "x", "clientSecret": "s", "owners": ["u-1"]}]}
                """);
        write(folder, "users.json", """
                [{"id": "u-1", "displayName": "One", "userPrincipalName": "one@fabrikam.test", "_password": "pw"},
                 {"id": "u-2", "displayName": "Two", "userPrincipalName": "two@fabrikam.test", "_manager": "u-1",
                  "_mailbox": "onPremises"},
                 {"id": "u-3", "displayName": "Guest", "userType": "Guest"}]
                """);
    }

    @Test
    void loadsAFolderWithMetadataAndMailboxes(@TempDir Path folder) throws IOException {
        writeTenant(folder);
        write(folder, "groups.json", """
                [{"id": "g-1", "displayName": "G", "mailEnabled": false, "securityEnabled": true,
                  "members": ["u-1", "d-1"]}]
                """);
        write(folder, "directoryObjects.json", """
                [{"id": "d-1", "@odata.type": "#microsoft.graph.device", "displayName": "Laptop"}]
                """);
        write(folder, "mailboxes/u-1/messages.json", """
                [{"id": "m-1", "subject": "Hi", "_folder": "inbox"}]
                """);
        write(folder, "mailboxes/u-1/mailboxSettings.json", """
                {"timeZone": "W. Europe Standard Time"}
                """);

        Tenant tenant = TenantFixtures.fromDirectory(folder);

        TenantUser one = tenant.user("ONE@fabrikam.test").orElseThrow();
        assertThat(one.password()).isEqualTo("pw");
        assertThat(one.properties().has("_password")).isFalse();
        assertThat(tenant.user("u-2").orElseThrow().mailboxKind()).isEqualTo(MailboxKind.ON_PREMISES);
        assertThat(tenant.user("u-3").orElseThrow().mailboxKind()).isEqualTo(MailboxKind.NONE);
        assertThat(tenant.directReports("u-1")).extracting(TenantUser::id).containsExactly("u-2");
        assertThat(tenant.mailbox("u-1").messages().size()).isEqualTo(1);
        assertThat(tenant.mailbox("u-1").settings().path("timeZone").asText()).isEqualTo("W. Europe Standard Time");
        assertThat(tenant.group("g-1").orElseThrow().memberIds()).containsExactly("u-1", "d-1");
        assertThat(tenant.application("app-1").orElseThrow().ownerIds()).containsExactly("u-1");
    }

    @Test
    void aGroupMemberThatDoesNotExistIsReportedWithItsId(@TempDir Path folder) throws IOException {
        writeTenant(folder);
        write(folder, "groups.json", "[{\"id\": \"g-1\", \"members\": [\"ghost\"]}]");

        assertThatThrownBy(() -> TenantFixtures.fromDirectory(folder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
    }

    @Test
    void aFolderWithoutTenantJsonIsRefused(@TempDir Path folder) {
        assertThatThrownBy(() -> TenantFixtures.fromDirectory(folder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant.json");
    }
}
