package io.github.cameloffice365.app.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
import io.github.cameloffice365.app.Office365Application;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.dfs.DfsFault;
import io.github.cameloffice365.simulator.dfs.DfsOperation;
import io.github.cameloffice365.simulator.dfs.DfsSimulator;
import io.github.cameloffice365.simulator.tenant.GeneratedTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.github.cameloffice365.app.sink.SinkTestEnvironment.asMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One generated mailbox of more than 300 MiB of rows goes through the application to the local folder, to Blob
 * Storage (Azurite) and to ADLS Gen2 (the dfs simulator) in a JVM of at most 256 MiB of heap: the surefire execution
 * {@code large-part-stream} runs this class alone with {@code -Xmx256m}. Read back as streams, the files of each sink
 * hold the same lines as the folder route's, file by file (line count and SHA-256), so no row is lost or written twice,
 * although a write of each sink is made to fail once and retried.
 * Each run's duration is printed; it is a check that memory stays bounded, not a benchmark.
 */
@Tag("large-part-stream")
@ExtendWith(AzuriteExtension.class)
class LargeMailboxStreamTest {

    private static final long MIB = 1024 * 1024;
    private static final long AT_LEAST = 300 * MIB;
    private static final String TABLE = "BasicDataSet_v0.Message_v1";

    private static Azurite azurite;
    private static SinkTestEnvironment environment;
    private static DfsSimulator dfs;
    private static GraphSimulator graph;
    private static Path directory;
    private static Path trustStore;
    private static Map<String, FileDigest> extracted;

    /** What a file holds, without holding it: its bytes, its lines and the SHA-256 of its content. */
    record FileDigest(long bytes, long lines, String sha256) {
    }

    @BeforeAll
    static void extractTheMailboxToAFolder(Azurite started) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this class runs with -Xmx256m").isLessThanOrEqualTo(256 * MIB);
        azurite = started;
        environment = SinkTestEnvironment.start(started, builder -> builder.tenant(GeneratedTenant.builder().users(1)
                .messagesPerUser(Integer.getInteger("office365.large.messages", 6_600)).bodyBytes(24_000).build()));
        dfs = environment.dfs;
        graph = environment.graph;
        directory = environment.directory;
        trustStore = environment.trustStore;

        Path output = directory.resolve("folder");
        Properties properties = extraction();
        properties.put("office365.route", "classpath:routes/office365-to-folder.yaml");
        properties.put("office365.output-dir", output.toString());
        run("folder", properties);

        extracted = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(output)) {
            for (Path path : paths.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                try (InputStream in = Files.newInputStream(path)) {
                    extracted.put(output.relativize(path).toString(), digest(in));
                }
                Files.delete(path);
            }
        }
        long total = extracted.values().stream().mapToLong(FileDigest::bytes).sum();
        System.out.printf("large-part-stream: %d rows, %d MiB in %d parts%n",
                extracted.values().stream().mapToLong(FileDigest::lines).sum(), total / MIB, extracted.size());
        assertThat(total).as("the mailbox's rows").isGreaterThanOrEqualTo(AT_LEAST);
    }

    @AfterAll
    static void stop() throws IOException {
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                System.out.printf("large-part-stream: peak of %s %d MiB (heap limit %d MiB)%n", pool.getName(),
                        pool.getPeakUsage().getUsed() / MIB, Runtime.getRuntime().maxMemory() / MIB);
            }
        }
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void shouldLandEveryRowOnceInBlobStorage() throws Exception {
        String container = "large-" + UUID.randomUUID().toString().substring(0, 8);
        Properties properties = extraction();
        properties.put("office365.route", "classpath:routes/office365-to-blob.yaml");
        properties.put("office365.blob.account", Azurite.ACCOUNT);
        properties.put("office365.blob.endpoint", azurite.endpoint());
        properties.put("office365.blob.container", container);
        properties.put("office365.blob.folder", "mgdc");
        BlobContainerClient blobs = SinkTestEnvironment.clients(asMap(properties)).blobServiceClient(azurite.endpoint())
                .createBlobContainer(container);

        try (FaultProxy proxy = new FaultProxy(azurite)) {
            // the fifth part reaches Azurite, its answer is lost, and the client sends it again
            properties.put("office365.blob.endpoint", proxy.endpoint());
            proxy.dropResponsesAfterForwarding(new java.util.function.Predicate<>() {
                private int puts;

                @Override
                public boolean test(com.sun.net.httpserver.HttpExchange exchange) {
                    return FaultProxy.isPutBlob(exchange) && ++puts == 5;
                }
            }, 1);
            run("blob", properties);
            assertThat(proxy.forwarded()).filteredOn(line -> line.endsWith("(dropped)")).hasSize(1);
        }

        Map<String, FileDigest> landed = new TreeMap<>();
        for (BlobItem item : blobs.listBlobs(new ListBlobsOptions().setPrefix("mgdc/"), null)) {
            if (item.getName().contains("/part-")) {
                try (InputStream in = blobs.getBlobClient(item.getName()).openInputStream()) {
                    landed.put(item.getName().substring("mgdc/".length()), digest(in));
                }
                blobs.getBlobClient(item.getName()).delete();
            }
        }
        assertThat(landed).isEqualTo(extracted);
    }

    @Test
    void shouldLandEveryRowOnceInAdlsGen2() throws Exception {
        String fileSystem = "large-" + UUID.randomUUID().toString().substring(0, 8);
        String endpoint = graph.baseUrl() + dfs.pathPrefix();
        Properties properties = extraction();
        properties.put("office365.route", "classpath:routes/office365-to-adls.yaml");
        properties.put("office365.adls.account", SinkTestEnvironment.LAKE_ACCOUNT);
        properties.put("office365.adls.endpoint", endpoint);
        properties.put("office365.adls.file-system", fileSystem);
        properties.put("office365.adls.folder", "mgdc");
        DataLakeFileSystemClient lake = SinkTestEnvironment.clients(asMap(properties)).dataLakeServiceClient(endpoint)
                .createFileSystem(fileSystem);
        // an append that takes effect but loses its answer, and a flush refused by a busy service, both retried
        dfs.clearRequests();
        dfs.inject(DfsFault.dropResponseAfterApplying(DfsOperation.APPEND).afterPassing(20));
        dfs.inject(DfsFault.failBeforeApplying(DfsOperation.FLUSH, 503, "ServerBusy").afterPassing(3));

        run("adls", properties);

        dfs.clearFaults();
        assertThat(dfs.requests()).filteredOn(request -> request.operation() == DfsOperation.APPEND)
                .filteredOn(request -> request.status() == 0).hasSize(1);
        assertThat(dfs.requests()).filteredOn(request -> request.operation() == DfsOperation.FLUSH)
                .filteredOn(request -> request.status() == 503).hasSize(1);

        Map<String, FileDigest> landed = new TreeMap<>();
        for (PathItem item : lake.listPaths(new ListPathsOptions().setPath("mgdc").setRecursive(true), null)) {
            if (!item.isDirectory() && item.getName().contains("/part-")) {
                try (InputStream in = lake.getFileClient(item.getName()).openInputStream().getInputStream()) {
                    landed.put(item.getName().substring("mgdc/".length()), digest(in));
                }
            }
        }
        assertThat(landed).isEqualTo(extracted);
    }

    private static Properties extraction() {
        Properties properties = new Properties();
        properties.put("office365.tenant-id", graph.tenantId());
        properties.put("office365.client-id", graph.applicationClientId());
        properties.put("office365.client-secret", graph.applicationClientSecret());
        properties.put("office365.graph-base-url", graph.baseUrl());
        properties.put("office365.authority-host", graph.authorityHost());
        properties.put("office365.table", TABLE);
        properties.put("office365.date-filter-column", "ReceivedDateTime");
        properties.put("office365.start-time", "2024-01-01T00:00:00Z");
        properties.put("office365.end-time", "2026-01-01T00:00:00Z");
        // every route, the folder route too, cuts parts at the same size
        properties.put("camel.component.office365.part-size", Long.toString(8 * MIB));
        properties.put("camel.component.office365.ssl-context-parameters", "#office365TestTls");
        properties.put("office365.storage.trust-store", trustStore.toString());
        properties.put("office365.storage.trust-store-password", SinkTestEnvironment.TRUST_STORE_PASSWORD);
        return properties;
    }

    private static void run(String sink, Properties properties) throws Exception {
        Office365Application application = environment.passThroughApplication(properties);
        long started = System.nanoTime();
        application.run();
        System.out.printf("large-part-stream: the %s route ran in %.1f s%n", sink, (System.nanoTime() - started) / 1e9);
        assertThat(application.getExitCode()).as("the " + sink + " run's exit code").isZero();
    }

    private static FileDigest digest(InputStream in) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        long bytes = 0;
        long lines = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            sha256.update(buffer, 0, read);
            bytes += read;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return new FileDigest(bytes, lines, HexFormat.of().formatHex(sha256.digest()));
    }
}
