package io.github.cameloffice365.app.sink;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.github.cameloffice365.component.Office365Constants;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both sink routes against a real Azure Storage account, from environment variables (docs/sinks.md lists them); runs
 * only in the Maven profile {@code azure-live}. It writes two parts and a summary below
 * {@code camel-office365-live/<random>/}, reads them back, and deletes them.
 */
@Tag("azure-live")
class AzureLiveSinkTest {

    private static final List<String> REQUIRED = List.of("OFFICE365_LIVE_TENANT_ID", "OFFICE365_LIVE_CLIENT_ID",
            "OFFICE365_LIVE_BLOB_ACCOUNT", "OFFICE365_LIVE_BLOB_CONTAINER", "OFFICE365_LIVE_ADLS_ACCOUNT",
            "OFFICE365_LIVE_ADLS_FILE_SYSTEM");

    private final String folder = "camel-office365-live/" + UUID.randomUUID();
    private Map<String, String> properties;

    @BeforeEach
    void readTheEnvironment() {
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (env(name) == null) {
                missing.add(name);
            }
        }
        if (env("OFFICE365_LIVE_CLIENT_SECRET") == null && env("OFFICE365_LIVE_CERTIFICATE_PATH") == null) {
            missing.add("OFFICE365_LIVE_CLIENT_SECRET or OFFICE365_LIVE_CERTIFICATE_PATH");
        }
        assertThat(missing).as("the azure-live profile needs these environment variables").isEmpty();
        properties = new LinkedHashMap<>();
        properties.put("office365.table", "BasicDataSet_v0.Message_v1");
        for (String unset : List.of("date-filter-column", "start-time", "end-time", "allowed-groups", "user-scope-filter-uri",
                "output-columns")) {
            properties.put("office365." + unset, "");
        }
        properties.put("office365.repeat-count", "1");
        properties.put("office365.tenant-id", env("OFFICE365_LIVE_TENANT_ID"));
        properties.put("office365.client-id", env("OFFICE365_LIVE_CLIENT_ID"));
        if (env("OFFICE365_LIVE_CLIENT_SECRET") != null) {
            properties.put("office365.storage.client-secret", env("OFFICE365_LIVE_CLIENT_SECRET"));
        } else {
            properties.put("office365.storage.certificate-path", env("OFFICE365_LIVE_CERTIFICATE_PATH"));
            properties.put("office365.storage.certificate-password", env("OFFICE365_LIVE_CERTIFICATE_PASSWORD"));
        }
    }

    @Test
    void shouldWriteAndReadBackThroughTheBlobRoute() throws Exception {
        properties.put("office365.blob.account", env("OFFICE365_LIVE_BLOB_ACCOUNT"));
        properties.put("office365.blob.container", env("OFFICE365_LIVE_BLOB_CONTAINER"));
        properties.put("office365.blob.folder", folder);
        StorageSinkProperties sink = StorageSinkProperties.from(key -> java.util.Optional.ofNullable(properties.get(key)));
        BlobContainerClient container = SinkTestEnvironment.clients(properties).blobServiceClient(sink.blob().endpoint())
                .getBlobContainerClient(sink.blob().container());

        Map<String, byte[]> written = runThrough("office365-to-blob.yaml", "office365-to-blob");
        try {
            for (Map.Entry<String, byte[]> file : written.entrySet()) {
                assertThat(container.getBlobClient(folder + "/" + file.getKey()).downloadContent().toBytes())
                        .as(file.getKey()).isEqualTo(file.getValue());
            }
        } finally {
            written.keySet().forEach(name -> container.getBlobClient(folder + "/" + name).deleteIfExists());
        }
    }

    @Test
    void shouldWriteAndReadBackThroughTheAdlsRoute() throws Exception {
        properties.put("office365.adls.account", env("OFFICE365_LIVE_ADLS_ACCOUNT"));
        properties.put("office365.adls.file-system", env("OFFICE365_LIVE_ADLS_FILE_SYSTEM"));
        properties.put("office365.adls.folder", folder);
        StorageSinkProperties sink = StorageSinkProperties.from(key -> java.util.Optional.ofNullable(properties.get(key)));
        DataLakeFileSystemClient fileSystem = SinkTestEnvironment.clients(properties)
                .dataLakeServiceClient(sink.adls().endpoint()).getFileSystemClient(sink.adls().container());

        Map<String, byte[]> written = runThrough("office365-to-adls.yaml", "office365-to-adls");
        try {
            for (Map.Entry<String, byte[]> file : written.entrySet()) {
                try (InputStream in = fileSystem.getFileClient(folder + "/" + file.getKey()).openInputStream().getInputStream()) {
                    assertThat(in.readAllBytes()).as(file.getKey()).isEqualTo(file.getValue());
                }
            }
        } finally {
            fileSystem.getDirectoryClient(folder).deleteRecursivelyWithResponse(null, null, null);
        }
    }

    private Map<String, byte[]> runThrough(String routeFile, String routeId) throws Exception {
        String run = "live-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> written = new LinkedHashMap<>();
        written.put("BasicDataSet_v0.Message_v1/" + run + "/part-000-000-00000.json", TestRows.part(0, 2_000));
        written.put("BasicDataSet_v0.Message_v1/" + run + "/part-000-000-00001.json", TestRows.part(2_000, 2_500));
        String summary = TestRows.summary(run, 2_500);
        written.put("BasicDataSet_v0.Message_v1/" + run + "/_summary.json", summary.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (SinkRouteHarness route = SinkRouteHarness.start(routeFile, routeId, properties)) {
            for (Map.Entry<String, byte[]> file : written.entrySet()) {
                boolean isSummary = file.getKey().endsWith("_summary.json");
                Exchange exchange = route.send(isSummary ? Office365Constants.KIND_RUN_END : Office365Constants.KIND_PART, run,
                        file.getKey(), isSummary ? summary : file.getValue());
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
            }
        }
        return written;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}
