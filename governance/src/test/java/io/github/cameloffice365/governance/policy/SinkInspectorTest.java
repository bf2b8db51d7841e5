package io.github.cameloffice365.governance.policy;

import java.time.OffsetDateTime;
import java.util.List;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.governance.policy.SinkInspector.SinkCredential;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding a route's Azure storage sinks and how they authenticate, on real Camel Azure endpoints. */
class SinkInspectorTest {

    static final String ACCOUNT_KEY = "c2VjcmV0LWFjY291bnQta2V5LW9mLXRoZS10ZXN0LW9ubHk=";

    CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "azure-storage-blob://contosolake/mgdc?credentialType=AZURE_IDENTITY|true|a Microsoft Entra ID identity (credentialType=AZURE_IDENTITY)",
            "azure-storage-blob://contosolake/mgdc|true|a Microsoft Entra ID identity (credentialType=AZURE_IDENTITY)",
            "azure-storage-blob://contosolake/mgdc?credentialType=SHARED_ACCOUNT_KEY&accessKey=RAW(" + ACCOUNT_KEY + ")|false|a shared key or SAS token (option accessKey)",
            "azure-storage-blob://contosolake/mgdc?credentialType=AZURE_SAS&sasToken=RAW(sv=2022-11-02&sig=abc)|false|a shared key or SAS token (option sasToken)",
            "azure-storage-blob://contosolake/mgdc?credentialType=AZURE_IDENTITY&accessKey=RAW(" + ACCOUNT_KEY + ")|false|a shared key or SAS token (option accessKey)",
            "azure-storage-datalake://contosolake/mgdc?credentialType=CLIENT_SECRET&clientId=app&clientSecret=RAW(s)&tenantId=t|true|a service principal's client secret (credentialType=CLIENT_SECRET)",
            "azure-storage-datalake://contosolake/mgdc?credentialType=AZURE_IDENTITY|true|a Microsoft Entra ID identity (credentialType=AZURE_IDENTITY)",
            "azure-storage-datalake://contosolake/mgdc?credentialType=SHARED_KEY_CREDENTIAL&accountKey=RAW(" + ACCOUNT_KEY + ")|false|a shared key or SAS token (option accountKey)",
            "azure-storage-datalake://contosolake/mgdc?credentialType=AZURE_SAS&sasSignature=RAW(sig=abc)|false|a shared key or SAS token (option sasSignature)",
    })
    void shouldTellHowAnEndpointAuthenticates(String uri, boolean servicePrincipal, String credential) {
        SinkCredential inspected = SinkInspector.inspect(camel, camel.getEndpoint(uri));

        assertThat(inspected.servicePrincipal()).isEqualTo(servicePrincipal);
        assertThat(inspected.credential()).isEqualTo(credential);
        assertThat(inspected.accountName()).isEqualTo("contosolake");
        assertThat(inspected.endpoint()).doesNotContain(ACCOUNT_KEY).doesNotContain("sig=");
    }

    @Test
    void shouldReadAnInjectedServiceClientsPipeline() {
        BlobServiceClient withToken = new BlobServiceClientBuilder()
                .endpoint("https://contosolake.blob.core.windows.net")
                .credential((TokenCredential) request -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))))
                .buildClient();
        BlobServiceClient fromConnectionString = new BlobServiceClientBuilder()
                .connectionString("DefaultEndpointsProtocol=https;AccountName=contosolake;AccountKey=" + ACCOUNT_KEY
                                  + ";EndpointSuffix=core.windows.net")
                .buildClient();
        BlobServiceClient withSas = new BlobServiceClientBuilder()
                .endpoint("https://contosolake.blob.core.windows.net")
                .sasToken("sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2030-01-01T00:00:00Z&sig=abc")
                .buildClient();
        BlobServiceClient anonymous = new BlobServiceClientBuilder()
                .endpoint("https://contosolake.blob.core.windows.net")
                .buildClient();
        camel.getRegistry().bind("tokenClient", withToken);
        camel.getRegistry().bind("keyClient", fromConnectionString);
        camel.getRegistry().bind("sasClient", withSas);
        camel.getRegistry().bind("anonymousClient", anonymous);

        assertThat(inspect("azure-storage-blob://contosolake/mgdc?serviceClient=#tokenClient"))
                .isEqualTo(new SinkCredential("azure-storage-blob://contosolake/mgdc", "contosolake",
                        "a Microsoft Entra ID token (the injected serviceClient)", true));
        assertThat(inspect("azure-storage-blob://contosolake/mgdc?serviceClient=#keyClient").credential())
                .isEqualTo("a shared account key (the injected serviceClient, e.g. built from a connection string)");
        assertThat(inspect("azure-storage-blob://contosolake/mgdc?serviceClient=#sasClient").credential())
                .isEqualTo("a SAS token (the injected serviceClient)");
        assertThat(inspect("azure-storage-blob://contosolake/mgdc?serviceClient=#anonymousClient").credential())
                .isEqualTo("no credential at all, anonymous access (the injected serviceClient)");
        assertThat(inspect("azure-storage-blob://contosolake/mgdc?serviceClient=#keyClient").servicePrincipal())
                .isFalse();
    }

    @Test
    void shouldFindTheSinksOfARouteThroughChoicesAndDirectRoutes() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("extract")
                        .choice()
                            .when(header(Office365Constants.EXCHANGE_KIND).isEqualTo(Office365Constants.KIND_PART))
                                .to("direct:write")
                            .otherwise()
                                .to("log:summary")
                        .end();
                from("direct:write").routeId("write")
                        .to("azure-storage-blob://contosolake/mgdc?credentialType=AZURE_IDENTITY&operation=uploadBlockBlob");
                from("direct:unrelated").routeId("other")
                        .to("azure-storage-blob://elsewhere/other?credentialType=AZURE_IDENTITY");
            }
        });
        camel.start();

        List<Endpoint> sinks = SinkInspector.azureSinksOf(camel, "extract");

        assertThat(sinks).extracting(Endpoint::getEndpointBaseUri).containsExactly("azure-storage-blob://contosolake/mgdc");
    }

    @Test
    void shouldFindNoSinkInARouteWithoutAzureStorage() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("extract").to("file:target/out");
            }
        });
        camel.start();

        assertThat(SinkInspector.azureSinksOf(camel, "extract")).isEmpty();
        assertThat(SinkInspector.azureSinksOf(camel, "no-such-route")).isEmpty();
    }

    private SinkCredential inspect(String uri) {
        return SinkInspector.inspect(camel, camel.getEndpoint(uri));
    }
}
