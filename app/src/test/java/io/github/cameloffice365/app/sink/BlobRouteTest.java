package io.github.cameloffice365.app.sink;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.github.cameloffice365.component.Office365Constants;
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
            route.send(Office365Constants.KIND_RUN_END, "run-1", "BasicDataSet_v0.Message_v1/run-1/_summary.json", summary);
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
            Exchange exchange = route.send(Office365Constants.KIND_RUN_START, "run-2", null, "the run context");

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

    private Map<String, byte[]> blobs() {
        Map<String, byte[]> blobs = new TreeMap<>();
        for (BlobItem item : readBack.listBlobs(new ListBlobsOptions(), null)) {
            blobs.put(item.getName(), readBack.getBlobClient(item.getName()).downloadContent().toBytes());
        }
        return blobs;
    }
}
