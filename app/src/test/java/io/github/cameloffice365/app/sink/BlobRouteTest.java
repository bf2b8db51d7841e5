package io.github.cameloffice365.app.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365RunContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Blob route ({@code routes/office365-to-blob.yaml}) against Azurite over HTTPS with {@code --oauth basic}, the
 * tokens coming from the Graph simulator's token endpoint through the sinks' own credential code.
 */
@ExtendWith(AzuriteExtension.class)
class BlobRouteTest {

    private static SinkTestEnvironment environment;

    private String container;
    private Map<String, String> properties;
    private BlobContainerClient readBack;

    @BeforeAll
    static void startSimulators(Azurite azurite) throws Exception {
        environment = SinkTestEnvironment.start(azurite);
    }

    @AfterAll
    static void stopSimulators() throws Exception {
        if (environment != null) {
            environment.close();
        }
    }

    @BeforeEach
    void createContainer() {
        container = "mgdc-" + UUID.randomUUID().toString().substring(0, 8);
        properties = environment.blobProperties(container, "exports/mail");
        BlobServiceClient service = SinkTestEnvironment.clients(properties).blobServiceClient(environment.azurite.endpoint());
        readBack = service.createBlobContainer(container);
    }

    @Test
    void shouldWriteEachPartAndTheSummaryUnderTheirNamesInTheFolder() throws Exception {
        byte[] first = TestRows.part(0, 500);
        byte[] second = TestRows.part(500, 800);
        String summary = TestRows.summary("run-1", 800);

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
            route.part("run-1", "BasicDataSet_v0.Message_v1/run-1/part-0-0-0.json", first);
            route.part("run-1", "BasicDataSet_v0.Message_v1/run-1/part-0-0-1.json", second);
            Exchange end = route.send(Office365Constants.KIND_RUN_END, "run-1", "BasicDataSet_v0.Message_v1/run-1/_summary.json",
                    summary);
            assertThat(end.getMessage().getHeader(Office365Constants.RUN_ID)).as("the run's headers survive the sink")
                    .isEqualTo("run-1");
            assertThat(end.getMessage().getBody()).as("the summary survives the sink").isEqualTo(summary);
        }

        assertThat(blobs()).containsOnlyKeys(
                "exports/mail/BasicDataSet_v0.Message_v1/run-1/part-0-0-0.json",
                "exports/mail/BasicDataSet_v0.Message_v1/run-1/part-0-0-1.json",
                "exports/mail/BasicDataSet_v0.Message_v1/run-1/_summary.json");
        assertThat(blobs().get("exports/mail/BasicDataSet_v0.Message_v1/run-1/part-0-0-0.json")).isEqualTo(first);
        assertThat(blobs().get("exports/mail/BasicDataSet_v0.Message_v1/run-1/part-0-0-1.json")).isEqualTo(second);
        assertThat(new String(blobs().get("exports/mail/BasicDataSet_v0.Message_v1/run-1/_summary.json"),
                StandardCharsets.UTF_8)).isEqualTo(summary);
    }

    @Test
    void shouldPassTheRunStartThroughGovernanceAndWriteNothing() throws Exception {
        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
            Office365RunContext context = new Office365RunContext("run-2", "BasicDataSet_v0.Message_v1", List.of("Id"),
                    List.of(), null, environment.azurite.endpoint() + "/" + container + "/exports/mail",
                    "client@tenant", "tenant", "tenant", null, null, null);
            Exchange exchange = route.send(Office365Constants.KIND_RUN_START, "run-2", null, context);

            assertThat(exchange.getException()).isNull();
            assertThat(route.governanceCalls).containsExactly("policyCheck", "consentWait");
        }
        assertThat(blobs()).isEmpty();
    }

    @Test
    void shouldOverwriteThePartsOfTheSameRunWhenItRunsAgain() throws Exception {
        String name = "BasicDataSet_v0.Message_v1/run-3/part-0-0-0.json";
        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
            route.part("run-3", name, TestRows.part(0, 300));
            route.part("run-3", name, TestRows.part(0, 200));
        }

        assertThat(blobs()).containsOnlyKeys("exports/mail/" + name);
        assertThat(blobs().get("exports/mail/" + name)).isEqualTo(TestRows.part(0, 200));
    }

    @Test
    void shouldWriteTheRowsOnceWhenAnAppliedPutBlobLosesItsResponseAndIsRetried() throws Exception {
        String name = "BasicDataSet_v0.Message_v1/run-4/part-0-0-0.json";
        byte[] part = TestRows.part(0, 2_000);
        try (FaultProxy proxy = new FaultProxy(environment.azurite)) {
            properties.put("office365.blob.endpoint", proxy.endpoint());
            proxy.dropResponsesAfterForwarding(FaultProxy::isPutBlob, 1);

            try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
                route.part("run-4", name, part);
            }

            String put = "PUT /" + Azurite.ACCOUNT + "/" + container + "/exports/mail/" + name;
            assertThat(proxy.forwarded()).containsExactly(put + " (dropped)", put);
        }
        assertThat(blobs()).containsOnlyKeys("exports/mail/" + name);
        assertThat(blobs().get("exports/mail/" + name)).isEqualTo(part);
    }

    @Test
    void shouldReportAClearRefusalWhenAzuriteRefusesATokenForAnotherAudience() throws Exception {
        properties.put("office365.storage.audience", "https://graph.microsoft.com");

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
            Exchange exchange = route.send(Office365Constants.KIND_PART, "run-5",
                    "BasicDataSet_v0.Message_v1/run-5/part-0-0-0.json", TestRows.part(0, 10));

            assertThat(exchange.getException()).isInstanceOf(StorageAccessDeniedException.class)
                    .hasMessageContaining("Azure Storage at " + environment.azurite.endpoint() + " refused the service principal "
                                          + environment.graph.applicationClientId())
                    .hasMessageContaining("HTTP 403 AuthenticationFailed: Invalid token audience.")
                    .hasMessageContaining("requested for the audience https://graph.microsoft.com (property office365.storage.audience)");
        }
        assertThat(blobs()).isEmpty();
    }

    @Test
    void shouldAuthenticateWithTheServicePrincipalsCertificate() throws Exception {
        java.nio.file.Path certificate = environment.directory.resolve("client.p12");
        environment.graph.writeClientCertificate(certificate, "cert-password".toCharArray());
        properties.remove("office365.client-secret");
        properties.put("office365.storage.certificate-path", certificate.toString());
        properties.put("office365.storage.certificate-password", "cert-password");
        String name = "BasicDataSet_v0.Message_v1/run-6/part-0-0-0.json";

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-blob.yaml", "office365-to-blob", properties)) {
            route.part("run-6", name, TestRows.part(0, 50));
        }

        assertThat(blobs().get("exports/mail/" + name)).isEqualTo(TestRows.part(0, 50));
        assertThat(environment.graph.requests()).anySatisfy(request -> assertThat(request.pathAndQuery())
                .endsWith("/oauth2/v2.0/token"));
    }

    private Map<String, byte[]> blobs() {
        Map<String, byte[]> blobs = new TreeMap<>();
        for (BlobItem item : readBack.listBlobs(new ListBlobsOptions(), null)) {
            blobs.put(item.getName(), readBack.getBlobClient(item.getName()).downloadContent().toBytes());
        }
        return blobs;
    }
}
