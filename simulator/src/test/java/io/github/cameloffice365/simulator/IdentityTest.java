package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.github.cameloffice365.simulator.identity.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityTest {

    private static GraphSimulator simulator;
    private static GraphClient client;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.builder().tenant(TestTenants.small()).build().start();
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

    private static ConfidentialClientApplication msal(IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(simulator.applicationClientId(), credential)
                .authority(simulator.authority())
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(simulator.sslContext().getSocketFactory())
                .build();
    }

    private static IAuthenticationResult acquire(ConfidentialClientApplication app, String scope) throws Exception {
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build()).get(20, TimeUnit.SECONDS);
    }

    @Test
    void msal4jGetsAGraphTokenWithTheClientSecretAndGraphAcceptsIt() throws Exception {
        ConfidentialClientApplication app = msal(ClientCredentialFactory.createFromSecret(TestTenants.CLIENT_SECRET));

        IAuthenticationResult result = acquire(app, "https://graph.microsoft.com/.default");

        JsonNode claims = Jwt.parse(result.accessToken()).claims();
        assertThat(claims.path("aud").asText()).isEqualTo("https://graph.microsoft.com");
        assertThat(claims.path("iss").asText()).isEqualTo("https://sts.windows.net/" + TestTenants.TENANT_ID + "/");
        assertThat(claims.path("tid").asText()).isEqualTo(TestTenants.TENANT_ID);
        assertThat(claims.path("appid").asText()).isEqualTo(TestTenants.CLIENT_ID);
        assertThat(claims.path("azp").asText()).isEqualTo(TestTenants.CLIENT_ID);
        assertThat(claims.path("roles").toString()).contains("Mail.Read");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        HttpResponse<String> users = client.send("/v1.0/users", result.accessToken());
        assertThat(users.statusCode()).isEqualTo(200);
    }

    @Test
    void msal4jGetsATokenWithACertificateRegisteredForTheApp(@TempDir Path folder) throws Exception {
        Path p12 = folder.resolve("client.p12");
        simulator.writeClientCertificate(p12, "changeit".toCharArray());
        IClientCredential credential;
        try (InputStream in = Files.newInputStream(p12)) {
            credential = ClientCredentialFactory.createFromCertificate(in, "changeit");
        }

        IAuthenticationResult result = acquire(msal(credential), "https://storage.azure.com/.default");

        JsonNode claims = Jwt.parse(result.accessToken()).claims();
        assertThat(claims.path("aud").asText()).isEqualTo("https://storage.azure.com");
        assertThat(claims.path("appidacr").asText()).isEqualTo("2");
    }

    @Test
    void aWrongSecretGets401WithTheEntraErrorShape() {
        HttpResponse<String> response = client.postForm("/" + TestTenants.TENANT_ID + "/oauth2/v2.0/token",
                "grant_type=client_credentials&client_id=" + TestTenants.CLIENT_ID
                        + "&client_secret=wrong&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = GraphClient.json(response);
        assertThat(body.path("error").asText()).isEqualTo("invalid_client");
        assertThat(body.path("error_description").asText()).startsWith("AADSTS7000215: ");
        assertThat(body.path("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(body.path("trace_id").asText()).isNotEmpty();
        assertThat(response.body()).doesNotContain("wrong");
    }

    @Test
    void msal4jReportsTheWrongSecret() throws Exception {
        ConfidentialClientApplication app = msal(ClientCredentialFactory.createFromSecret("not-the-secret"));

        assertThatThrownBy(() -> acquire(app, "https://graph.microsoft.com/.default"))
                .hasCauseInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS7000215");
    }

    @Test
    void anUnknownGrantTypeIsRefusedUntilARegisteredHandlerAnswersIt() {
        String path = "/" + TestTenants.TENANT_ID + "/oauth2/v2.0/token";
        assertThat(client.postForm(path, "grant_type=password&username=a&password=b").statusCode()).isEqualTo(400);

        simulator.grantTypes().register("password", request -> io.github.cameloffice365.simulator.http.Json.object()
                .put("token_type", "Bearer").put("access_token", "x").put("expires_in", 60));

        HttpResponse<String> response = client.postForm(path, "grant_type=password&username=a&password=b");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GraphClient.json(response).path("access_token").asText()).isEqualTo("x");
    }

    @Test
    void servesTheOpenIdConfigurationAndTheSigningKeys() {
        HttpResponse<String> configuration = client.send("/" + TestTenants.TENANT_ID
                + "/v2.0/.well-known/openid-configuration", null);
        JsonNode document = GraphClient.json(configuration);
        assertThat(document.path("token_endpoint").asText())
                .isEqualTo(simulator.baseUrl() + "/" + TestTenants.TENANT_ID + "/oauth2/v2.0/token");

        HttpResponse<String> keys = client.send(document.path("jwks_uri").asText(), null);
        assertThat(GraphClient.json(keys).path("keys").get(0).path("kid").asText())
                .isEqualTo(simulator.tokenIssuer().keyId());
    }

    @Test
    void graphRefusesRequestsWithoutAValidTokenForItsAudience() {
        HttpResponse<String> none = client.send("/v1.0/users", null);
        HttpResponse<String> storage = client.send("/v1.0/users", simulator.accessToken("https://storage.azure.com"));
        HttpResponse<String> garbage = client.send("/v1.0/users", "not-a-jwt");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(GraphClient.json(none).path("error").path("code").asText()).isEqualTo("InvalidAuthenticationToken");
        assertThat(GraphClient.json(none).path("error").path("innerError").path("request-id").asText())
                .isEqualTo(none.headers().firstValue("request-id").orElseThrow());
        assertThat(storage.statusCode()).isEqualTo(401);
        assertThat(GraphClient.json(storage).path("error").path("message").asText()).contains("Invalid audience");
        assertThat(garbage.statusCode()).isEqualTo(401);
    }

    @Test
    void writesATrustStoreThatTrustsTheServer(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("trust.p12");
        simulator.writeTrustStore(file, "changeit".toCharArray());

        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        assertThat(store.getCertificate("graph-simulator")).isEqualTo(simulator.serverCertificate());
    }
}
