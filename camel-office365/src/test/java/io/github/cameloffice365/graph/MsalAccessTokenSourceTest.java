package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MsalAccessTokenSourceTest {

    private static final String SECRET = "s3cr3t-value-never-shown";

    private static MsalAccessTokenSource.Builder valid() {
        return MsalAccessTokenSource.builder()
                .authorityHost("https://login.microsoftonline.com")
                .tenantId("11111111-2222-3333-4444-555555555555")
                .clientId("66666666-7777-8888-9999-000000000000")
                .clientSecret(SECRET);
    }

    @Test
    void shouldBuildTheAuthorityFromHostAndTenant() {
        MsalAccessTokenSource source = valid().authorityHost("https://127.0.0.1:8443/").build();

        assertThat(source.authority()).isEqualTo("https://127.0.0.1:8443/11111111-2222-3333-4444-555555555555/");
        assertThat(source.clientId()).isEqualTo("66666666-7777-8888-9999-000000000000");
    }

    @ParameterizedTest(name = "{0} is a Microsoft sign-in host: {1}")
    @CsvSource({ "https://login.microsoftonline.com/t/,true", "https://LOGIN.MICROSOFTONLINE.US/t/,true",
                 "https://login.chinacloudapi.cn/t/,true", "https://127.0.0.1:8443/t/,false",
                 "https://login.microsoftonline.com.evil.example/t/,false" })
    void shouldSwitchOffInstanceDiscoveryForOtherHosts(String authority, boolean microsoft) {
        assertThat(MsalAccessTokenSource.isMicrosoftAuthorityHost(authority)).isEqualTo(microsoft);
    }

    @ParameterizedTest(name = "authorityHost \"{0}\" is refused")
    @ValueSource(strings = { "http://login.microsoftonline.com", "login.microsoftonline.com",
                             "https://login.microsoftonline.com/common" })
    void shouldRefuseAnAuthorityHostThatIsNotAnHttpsOrigin(String host) {
        assertThatThrownBy(() -> valid().authorityHost(host).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authorityHost '" + host + "'")
                .hasMessageContaining("https://login.microsoftonline.com");
    }

    @Test
    void shouldRequireASecretOrACertificate() {
        assertThatThrownBy(() -> valid().clientSecret(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servicePrincipalKey or servicePrincipalCertificatePath is required");
    }

    @Test
    void shouldRefuseASecretAndACertificateTogether(@TempDir Path folder) {
        assertThatThrownBy(() -> valid().certificate(folder.resolve("sp.p12"), "pw").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servicePrincipalKey and servicePrincipalCertificatePath are both set")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldNameTheCertificateFileButNotThePasswordWhenItCannotBeRead(@TempDir Path folder) throws Exception {
        Path notPkcs12 = Files.writeString(folder.resolve("sp.p12"), "not a key store");

        assertThatThrownBy(() -> valid().clientSecret(null).certificate(notPkcs12, "pfx-password-never-shown").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servicePrincipalCertificatePath '" + notPkcs12 + "'")
                .hasMessageNotContaining("pfx-password-never-shown");
    }

    @Test
    void shouldNameTheMissingOptions() {
        assertThatThrownBy(() -> valid().tenantId(" ").build()).hasMessageStartingWith("the tenant id is required")
                .hasMessageContaining("office365TenantId").hasMessageContaining("servicePrincipalTenantId");
        assertThatThrownBy(() -> valid().clientId(null).build()).hasMessage("servicePrincipalId is required");
        assertThatThrownBy(() -> valid().tenantId("contoso/../x").build())
                .hasMessageContaining("the tenant id 'contoso/../x' (option office365TenantId or"
                        + " servicePrincipalTenantId) is not accepted");
    }
}
