package io.github.cameloffice365.app.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.simulator.dfs.DfsFault;
import io.github.cameloffice365.simulator.dfs.DfsOperation;
import io.github.cameloffice365.simulator.dfs.DfsRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADLS Gen2 route ({@code routes/office365-to-adls.yaml}) against the dfs simulator mounted on the Graph
 * simulator, whose token endpoint issues the storage tokens through the sinks' own credential code.
 */
class AdlsRouteTest {

    private static final String TABLE_RUN = "BasicDataSet_v0.Message_v1/run-1/";
    private static SinkTestEnvironment environment;

    private Map<String, String> properties;
    private DataLakeFileSystemClient readBack;

    @BeforeAll
    static void startSimulators() throws Exception {
        environment = SinkTestEnvironment.start(null);
    }

    @AfterAll
    static void stopSimulators() throws Exception {
        environment.close();
    }

    @BeforeEach
    void createFileSystem() {
        String fileSystem = "lake-" + UUID.randomUUID().toString().substring(0, 8);
        properties = environment.adlsProperties(fileSystem, "exports/mail");
        readBack = SinkTestEnvironment.clients(properties).dataLakeServiceClient(environment.dfsEndpoint())
                .createFileSystem(fileSystem);
        environment.dfs.clearRequests();
    }

    @AfterEach
    void clearFaults() {
        environment.dfs.clearFaults();
    }

    @Test
    void shouldWriteEachPartAndTheSummaryUnderTheirNamesInTheFolder() throws Exception {
        byte[] first = TestRows.part(0, 500);
        byte[] second = TestRows.part(500, 800);
        String summary = TestRows.summary("run-1", 800);

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", first);
            route.part("run-1", TABLE_RUN + "part-0-0-1.json", second);
            Exchange end = route.send(Office365Constants.KIND_RUN_END, "run-1", TABLE_RUN + "_summary.json", summary);
            assertThat(end.getException()).isNull();
            assertThat(end.getMessage().getHeader(Office365Constants.EXCHANGE_KIND)).as("the run's headers survive the sink")
                    .isEqualTo(Office365Constants.KIND_RUN_END);
            assertThat(end.getMessage().getBody()).as("the summary survives the sink").isEqualTo(summary);
        }

        Map<String, byte[]> files = files();
        assertThat(files).containsOnlyKeys("exports/mail/" + TABLE_RUN + "part-0-0-0.json",
                "exports/mail/" + TABLE_RUN + "part-0-0-1.json", "exports/mail/" + TABLE_RUN + "_summary.json");
        assertThat(files.get("exports/mail/" + TABLE_RUN + "part-0-0-0.json")).isEqualTo(first);
        assertThat(files.get("exports/mail/" + TABLE_RUN + "part-0-0-1.json")).isEqualTo(second);
        assertThat(new String(files.get("exports/mail/" + TABLE_RUN + "_summary.json"), StandardCharsets.UTF_8))
                .isEqualTo(summary);
    }

    @Test
    void shouldAppendAPartInBlocksAtByteOffsetsAndFlushOnceAtItsLengthInBytes() throws Exception {
        properties.put("office365.adls.block-size", Integer.toString(256 * 1024));
        properties.put("office365.adls.max-concurrency", "1");
        byte[] part = TestRows.part(0, 6_000);
        assertThat(part.length).isGreaterThan(3 * 256 * 1024).isNotEqualTo(new String(part, StandardCharsets.UTF_8).length());

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", part);
        }

        List<DfsRequest> writes = environment.dfs.requests().stream()
                .filter(r -> r.operation() == DfsOperation.APPEND || r.operation() == DfsOperation.FLUSH).toList();
        long blocks = (part.length + 256 * 1024 - 1) / (256 * 1024);
        assertThat(writes).hasSize((int) blocks + 1);
        for (int i = 0; i < blocks; i++) {
            assertThat(writes.get(i).query()).contains("action=append").contains("position=" + (long) i * 256 * 1024);
        }
        assertThat(writes.get((int) blocks).query()).contains("action=flush").contains("position=" + part.length);
        assertThat(files().get("exports/mail/" + TABLE_RUN + "part-0-0-0.json")).isEqualTo(part);
    }

    @Test
    void shouldWriteTheRowsOnceWhenAnAppliedAppendLosesItsResponseAndIsRetried() throws Exception {
        properties.put("office365.adls.block-size", Integer.toString(256 * 1024));
        properties.put("office365.adls.max-concurrency", "1");
        byte[] part = TestRows.part(0, 3_000);
        environment.dfs.inject(DfsFault.dropResponseAfterApplying(DfsOperation.APPEND).afterPassing(1));

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", part);
        }

        List<DfsRequest> appends = environment.dfs.requests().stream()
                .filter(r -> r.operation() == DfsOperation.APPEND).toList();
        assertThat(appends.get(1).status()).as("the second append took effect but its answer was lost").isZero();
        assertThat(appends.get(2).query()).as("the retry goes to the same position")
                .isEqualTo(appends.get(1).query());
        assertThat(files().get("exports/mail/" + TABLE_RUN + "part-0-0-0.json")).isEqualTo(part);
    }

    @Test
    void shouldWriteTheRowsOnceWhenTheServiceIsBusyOnTheFlush() throws Exception {
        byte[] part = TestRows.part(0, 1_000);
        environment.dfs.inject(DfsFault.failBeforeApplying(DfsOperation.FLUSH, 503, "ServerBusy").times(2));

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", part);
        }

        assertThat(environment.dfs.requests()).filteredOn(r -> r.operation() == DfsOperation.FLUSH)
                .extracting(DfsRequest::status).containsExactly(503, 503, 200);
        assertThat(files().get("exports/mail/" + TABLE_RUN + "part-0-0-0.json")).isEqualTo(part);
    }

    @Test
    void shouldReplaceAPartWrittenBeforeWhenTheRunIsRepeated() throws Exception {
        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", TestRows.part(0, 400));
            route.part("run-1", TABLE_RUN + "part-0-0-0.json", TestRows.part(0, 100));
        }

        assertThat(files()).containsOnlyKeys("exports/mail/" + TABLE_RUN + "part-0-0-0.json");
        assertThat(files().get("exports/mail/" + TABLE_RUN + "part-0-0-0.json")).isEqualTo(TestRows.part(0, 100));
    }

    @Test
    void shouldReportAClearRefusalWhenTheTokenIsForAnotherAudience() throws Exception {
        properties.put("office365.storage.audience", "https://graph.microsoft.com");

        try (SinkRouteHarness route = SinkRouteHarness.start("office365-to-adls.yaml", "office365-to-adls", properties)) {
            Exchange exchange = route.send(Office365Constants.KIND_PART, "run-1", TABLE_RUN + "part-0-0-0.json",
                    TestRows.part(0, 10));

            assertThat(exchange.getException()).isInstanceOf(StorageAccessDeniedException.class)
                    .hasMessageContaining("refused the service principal " + environment.graph.applicationClientId())
                    .hasMessageContaining("HTTP 401 InvalidAuthenticationInfo")
                    .hasMessageContaining("Audience validation failed")
                    .hasMessageContaining("https://graph.microsoft.com (property office365.storage.audience)");
        }
        assertThat(files()).isEmpty();
    }

    private Map<String, byte[]> files() throws java.io.IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (PathItem item : readBack.listPaths(new ListPathsOptions().setRecursive(true), null)) {
            if (!item.isDirectory()) {
                try (var in = readBack.getFileClient(item.getName()).openInputStream().getInputStream()) {
                    files.put(item.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }
}
