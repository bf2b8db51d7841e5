package io.github.cameloffice365.app.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink properties: defaults from the office365 endpoint's service principal, and refusals that name the property. */
class StorageSinkPropertiesTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "office365.tenant-id", "11111111-1111-1111-1111-111111111111",
            "office365.client-id", "22222222-2222-2222-2222-222222222222",
            "office365.client-secret", "s3cr3t-value",
            "office365.blob.account", "contosolake",
            "office365.blob.container", "mgdc",
            "office365.blob.folder", "exports/mail",
            "office365.adls.account", "contosolake",
            "office365.adls.file-system", "lake",
            "office365.adls.folder", "exports/mail"));

    private StorageSinkProperties properties() {
        return StorageSinkProperties.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void shouldUseTheOffice365ServicePrincipalInTheOffice365TenantByDefault() {
        StorageCredentialSettings credential = properties().credential();

        assertThat(credential.tenantId()).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(credential.clientId()).isEqualTo("22222222-2222-2222-2222-222222222222");
        assertThat(credential.clientSecret()).isEqualTo("s3cr3t-value");
        assertThat(credential.authorityHost()).isEqualTo("https://login.microsoftonline.com");
        assertThat(credential.scope()).isEqualTo("https://storage.azure.com/.default");
    }

    @Test
    void shouldPreferTheServicePrincipalTenantThenTheStorageOverrides() {
        values.put("camel.component.office365.service-principal-tenant-id", "33333333-3333-3333-3333-333333333333");
        assertThat(properties().credential().tenantId()).isEqualTo("33333333-3333-3333-3333-333333333333");

        values.put("office365.storage.tenant-id", "44444444-4444-4444-4444-444444444444");
        values.put("office365.storage.client-id", "55555555-5555-5555-5555-555555555555");
        values.put("office365.storage.certificate-path", "/secrets/storage.p12");
        StorageCredentialSettings credential = properties().credential();

        assertThat(credential.tenantId()).isEqualTo("44444444-4444-4444-4444-444444444444");
        assertThat(credential.clientId()).isEqualTo("55555555-5555-5555-5555-555555555555");
        assertThat(credential.clientSecret()).as("a storage certificate replaces the office365 secret").isNull();
        assertThat(credential.certificatePath()).hasToString("/secrets/storage.p12");
    }

    @Test
    void shouldKeepTheSecretOutOfTheSettingsText() {
        assertThat(properties().credential().toString()).doesNotContain("s3cr3t-value").contains("clientSecret=****");
    }

    @Test
    void shouldNameThePublicCloudEndpointsByDefault() {
        assertThat(properties().blob().destination()).isEqualTo("https://contosolake.blob.core.windows.net/mgdc/exports/mail");
        assertThat(properties().adls().destination()).isEqualTo("https://contosolake.dfs.core.windows.net/lake/exports/mail");
    }

    @Test
    void shouldAcceptAnIpStyleEndpoint() {
        values.put("office365.blob.endpoint", "https://127.0.0.1:10000/contosolake/");

        assertThat(properties().blob().endpoint()).isEqualTo("https://127.0.0.1:10000/contosolake");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "office365.blob.endpoint|http://contosolake.blob.core.windows.net|'http://contosolake.blob.core.windows.net' is not accepted",
        "office365.blob.endpoint|https://contosolake.blob.core.windows.net?sv=2024&sig=abc|'https://contosolake.blob.core.windows.net?<redacted>' is not accepted",
        "office365.blob.account|Contoso_Lake|'Contoso_Lake' is not a storage account name",
        "office365.blob.container|MGDC|'MGDC' is not accepted: expected 3 to 63 lowercase",
        "office365.blob.folder|/exports|'/exports' is not accepted: expected a relative folder",
        "office365.blob.folder|exports/../other|'exports/../other' is not accepted",
        "office365.adls.file-system|a--b|'a--b' is not accepted",
        "office365.storage.audience|https://storage.azure.com/.default|'https://storage.azure.com/.default' is not accepted",
        "office365.storage.max-tries|0|'0' is not accepted: expected a whole number from 1 to 20",
        "office365.adls.block-size|lots|'lots' is not accepted: expected a whole number",
        "office365.part-size|1073741824|'1073741824' is not accepted: expected a whole number from 1 to 268435456",
        "camel.component.office365.part-size|0|'0' is not accepted: expected a whole number from 1 to 268435456"
    })
    void shouldRefuseAValueNamingThePropertyAndWhatIsAccepted(String property, String value, String message) {
        values.put(property, value);

        assertThatThrownBy(() -> {
            StorageSinkProperties sink = properties();
            sink.checkPartSize();
            sink.credential();
            sink.blob();
            sink.adls();
            sink.adlsBlockSize();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(property).hasMessageContaining(message)
                .hasMessageNotContaining("sig=abc");
    }

    @Test
    void shouldRequireASecretOrACertificateButNotBoth() {
        values.remove("office365.client-secret");
        assertThatThrownBy(() -> properties().credential()).hasMessageContaining("office365.storage.client-secret or"
                                                                                 + " office365.storage.certificate-path is required");

        values.put("office365.storage.client-secret", "one");
        values.put("office365.storage.certificate-path", "/secrets/storage.p12");
        assertThatThrownBy(() -> properties().credential()).hasMessageContaining("set only one of them")
                .hasMessageNotContaining("one,");
    }

    @Test
    void shouldLeaveTheSinksAloneWhenNoAccountIsSet() {
        values.remove("office365.blob.account");
        values.remove("office365.adls.account");

        assertThat(properties().blobConfigured()).isFalse();
        assertThat(properties().adlsConfigured()).isFalse();
    }
}
