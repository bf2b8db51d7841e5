package io.github.cameloffice365.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.component.ExtractionHarnessAccess;
import io.github.cameloffice365.dataset.DatasetCatalog;
import io.github.cameloffice365.dataset.DateWindow;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance of the project: Microsoft's own MGDC output rows, turned back into the Graph resources they came from
 * and served by the Graph simulator, come out of a real office365 route equal to Microsoft's rows (row counters aside).
 */
class Office365ConsumerConformanceTest {

    private static final String CLIENT_ID = "6f1c2f0e-2b7d-4c55-9a43-0d6b8f1e4c21";
    private static final String CLIENT_SECRET = "conformance-test-secret";

    private static SampleTenant samples;
    private static GraphSimulator simulator;

    @TempDir
    static Path work;

    @BeforeAll
    static void serveTheSamples() {
        samples = SampleToGraph.tenantFrom(MgdcSamples.directory());
        Tenant.Builder tenant = Tenant.builder()
                .tenantId(samples.tenantId())
                .displayName("MGDC samples")
                .application(new TenantApplication(CLIENT_ID, "conformance", CLIENT_SECRET, List.of()));
        samples.users().forEach(tenant::user);
        // the samples of one table come from some of the samples' users: one group per table holds them
        for (String table : MgdcSamples.TABLES) {
            ObjectNode group = new ObjectMapper().createObjectNode().put("id", groupOf(table))
                    .put("displayName", "Users with " + table + " sample rows").put("mailEnabled", false)
                    .put("securityEnabled", true);
            tenant.group(new TenantGroup(group, List.copyOf(samples.table(table).resourcesByUser().keySet())));
        }
        samples.table(DatasetCatalog.MESSAGE_V1).resourcesByUser().forEach(tenant::messages);
        samples.table(DatasetCatalog.EVENT_V1).resourcesByUser().forEach(tenant::events);
        samples.table(DatasetCatalog.CONTACT_V1).resourcesByUser().forEach(tenant::contacts);
        samples.table(DatasetCatalog.MAILBOX_SETTINGS_V0).resourcesByUser()
                .forEach((user, settings) -> tenant.mailboxSettings(user, settings.get(0)));
        simulator = GraphSimulator.builder().tenant(tenant.build()).start();
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private static String groupOf(String table) {
        return UUID.nameUUIDFromBytes(table.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = { DatasetCatalog.MESSAGE_V1, DatasetCatalog.EVENT_V1, DatasetCatalog.CONTACT_V1,
                             DatasetCatalog.USER_V1, DatasetCatalog.MAILBOX_SETTINGS_V0 })
    void shouldWriteEverySampleRowAsMicrosoftDid(String table) throws Exception {
        SampleTable sample = samples.table(table);
        Map<String, String> options = new LinkedHashMap<>();
        if (sample.dataset().requiresDateFilter()) {
            DateWindow window = sample.windowOf("createdDateTime").orElseThrow();
            options.put("dateFilterColumn", "createdDateTime");
            options.put("startTime", window.start().toString());
            options.put("endTime", window.end().toString());
        }
        options.put("allowedGroups", groupOf(table));

        List<ObjectNode> rows = ExtractionHarnessAccess.extract(simulator, work, table, options);

        List<ObjectNode> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(SampleRow.withoutRowCounters(row)));
        List<ObjectNode> expected = new ArrayList<>(sample.expectedRowsWithoutCounters());
        Comparator<ObjectNode> byUserAndId = Comparator.comparing((ObjectNode row) -> row.path("puser").asText())
                .thenComparing(row -> row.path("id").asText());
        actual.sort(byUserAndId);
        expected.sort(byUserAndId);
        assertThat(actual).as("rows of %s", table).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(JsonDifference.first(expected.get(i), actual.get(i)))
                    .as("row %d of %s (user %s)", i, table, expected.get(i).path("puser").asText())
                    .isEmpty();
        }
    }
}
