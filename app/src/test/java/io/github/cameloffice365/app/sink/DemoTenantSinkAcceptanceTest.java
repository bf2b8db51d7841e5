package io.github.cameloffice365.app.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.app.Office365Application;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.dfs.DfsSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.cameloffice365.app.sink.SinkTestEnvironment.asMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance: the application runs the demo tenant's mail through the local-folder route, then through the Blob route
 * (into Azurite) and the ADLS Gen2 route (into the dfs simulator); read back, the parts equal the folder route's, byte
 * for byte, and the summaries report the same rows. The governance beans are pass-through here.
 */
@ExtendWith(AzuriteExtension.class)
class DemoTenantSinkAcceptanceTest {

    private static final String TABLE = "BasicDataSet_v0.Message_v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Azurite azurite;
    private static SinkTestEnvironment environment;
    private static DfsSimulator dfs;
    private static GraphSimulator graph;
    private static Path directory;
    private static Path trustStore;
    private static Map<String, byte[]> folderRun;

    @BeforeAll
    static void runTheFolderRoute(Azurite started) throws Exception {
        azurite = started;
        environment = SinkTestEnvironment.start(started, builder -> builder.tenant("demo"));
        dfs = environment.dfs;
        graph = environment.graph;
        directory = environment.directory;
        trustStore = environment.trustStore;

        Path output = directory.resolve("folder");
        Properties properties = extraction();
        properties.put("office365.route", "classpath:routes/office365-to-folder.yaml");
        properties.put("office365.output-dir", output.toString());
        assertThat(run(properties)).isZero();
        folderRun = folderFiles(output);
        assertThat(folderRun.keySet()).anyMatch(name -> name.contains("/part-")).anyMatch(name -> name.endsWith("/_summary.json"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void shouldLandTheDemoTenantsPartsInBlobStorageAsTheFolderRouteWritesThem() throws Exception {
        String container = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Properties properties = extraction();
        properties.put("office365.route", "classpath:routes/office365-to-blob.yaml");
        properties.put("office365.blob.account", Azurite.ACCOUNT);
        properties.put("office365.blob.endpoint", azurite.endpoint());
        properties.put("office365.blob.container", container);
        properties.put("office365.blob.folder", "mgdc");
        BlobContainerClient blobs = SinkTestEnvironment.clients(asMap(properties)).blobServiceClient(azurite.endpoint())
                .createBlobContainer(container);

        assertThat(run(properties)).isZero();

        Map<String, byte[]> landed = new TreeMap<>();
        for (BlobItem item : blobs.listBlobs(new ListBlobsOptions().setPrefix("mgdc/"), null)) {
            landed.put(item.getName().substring("mgdc/".length()), blobs.getBlobClient(item.getName()).downloadContent().toBytes());
        }
        assertSameRun(landed);
    }

    @Test
    void shouldLandTheDemoTenantsPartsInAdlsGen2AsTheFolderRouteWritesThem() throws Exception {
        String fileSystem = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Properties properties = extraction();
        String endpoint = graph.baseUrl() + dfs.pathPrefix();
        properties.put("office365.route", "classpath:routes/office365-to-adls.yaml");
        properties.put("office365.adls.account", SinkTestEnvironment.LAKE_ACCOUNT);
        properties.put("office365.adls.endpoint", endpoint);
        properties.put("office365.adls.file-system", fileSystem);
        properties.put("office365.adls.folder", "mgdc");
        DataLakeFileSystemClient lake = SinkTestEnvironment.clients(asMap(properties)).dataLakeServiceClient(endpoint)
                .createFileSystem(fileSystem);

        assertThat(run(properties)).isZero();

        Map<String, byte[]> landed = new TreeMap<>();
        for (PathItem item : lake.listPaths(new ListPathsOptions().setPath("mgdc").setRecursive(true), null)) {
            if (!item.isDirectory()) {
                try (InputStream in = lake.getFileClient(item.getName()).openInputStream().getInputStream()) {
                    landed.put(item.getName().substring("mgdc/".length()), in.readAllBytes());
                }
            }
        }
        assertSameRun(landed);
    }

    /** The same parts byte for byte; the summaries differ only in their timings. */
    private static void assertSameRun(Map<String, byte[]> landed) throws IOException {
        assertThat(landed.keySet()).isEqualTo(folderRun.keySet());
        for (Map.Entry<String, byte[]> file : folderRun.entrySet()) {
            if (file.getKey().endsWith("/_summary.json")) {
                JsonNode expected = JSON.readTree(file.getValue());
                JsonNode actual = JSON.readTree(landed.get(file.getKey()));
                assertThat(actual.path("rows")).isEqualTo(expected.path("rows"));
                assertThat(actual.path("status").asText()).isEqualTo("SUCCEEDED").isEqualTo(expected.path("status").asText());
                assertThat(actual.path("users")).isEqualTo(expected.path("users"));
            } else {
                assertThat(landed.get(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
    }

    /** The extraction: the demo tenant's mail over the demo window, from the Graph simulator. */
    private static Properties extraction() {
        Properties properties = new Properties();
        properties.put("office365.tenant-id", graph.tenantId());
        properties.put("office365.client-id", graph.applicationClientId());
        properties.put("office365.client-secret", graph.applicationClientSecret());
        properties.put("office365.graph-base-url", graph.baseUrl());
        properties.put("office365.authority-host", graph.authorityHost());
        properties.put("office365.table", TABLE);
        properties.put("office365.date-filter-column", "ReceivedDateTime");
        properties.put("office365.start-time", "2019-01-01T00:00:00Z");
        properties.put("office365.end-time", "2027-01-01T00:00:00Z");
        properties.put("camel.component.office365.ssl-context-parameters", "#office365TestTls");
        properties.put("office365.storage.trust-store", trustStore.toString());
        properties.put("office365.storage.trust-store-password", SinkTestEnvironment.TRUST_STORE_PASSWORD);
        return properties;
    }

    private static int run(Properties properties) throws Exception {
        Office365Application application = environment.passThroughApplication(properties);
        application.run();
        return application.getExitCode();
    }

    private static Map<String, byte[]> folderFiles(Path output) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(output)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(output.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }
}
