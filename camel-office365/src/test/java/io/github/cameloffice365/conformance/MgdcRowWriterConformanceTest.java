package io.github.cameloffice365.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.MgdcRowWriter;
import io.github.cameloffice365.dataset.RowMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of Microsoft's MGDC samples, turned back into its Graph resource and written again, must come out as the
 * sample row: the writer reproduces MGDC's columns, nulls, enumerations, timestamps, nesting and metadata.
 */
class MgdcRowWriterConformanceTest {

    private static final Pattern MGDC_ENUM = Pattern.compile("microsoft\\.graph\\.\\w+'.*'", Pattern.DOTALL);
    private static final List<String> METADATA_KEYS = List.of("ODataType", "puser", "ptenant", "pAdditionalInfo",
            "datarow", "userrow", "pagerow", "rowinformation");

    private static SampleTenant tenant;

    @BeforeAll
    static void readSamples() {
        tenant = SampleToGraph.tenantFrom(MgdcSamples.directory());
    }

    @TestFactory
    Stream<DynamicTest> everySampleRowIsWrittenAgainFromItsGraphResource() {
        return allRows().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            JsonNode written = MgdcSamples.parseRow(new String(write(row, new RowMetadata(row.userId(),
                    tenant.tenantId(), 0, 0, 0)), StandardCharsets.UTF_8));

            ObjectNode actual = SampleRow.withoutRowCounters((ObjectNode) written);
            ObjectNode expected = row.expectedRowWithoutCounters();
            assertThat(JsonDifference.first(expected, actual)).as(row.toString()).isEmpty();
            assertThat(actual.equals(expected)).as(row.toString()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySampleRowIsWrittenAgainByteForByteGivenTheSameRowCounters() {
        return allRows().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            ObjectNode sample = row.expectedRow();
            RowMetadata sameCounters = new RowMetadata(row.userId(), tenant.tenantId(), sample.get("datarow").longValue(),
                    sample.get("userrow").longValue(), sample.get("pagerow").longValue());

            byte[] written = write(row, sameCounters);

            String line = new String(written, StandardCharsets.UTF_8);
            assertThat(firstDifference(row.expectedLine(), line)).as(row.toString()).isEmpty();
        }));
    }

    @Test
    void graphResourcesHoldNoMgdcArtefacts() {
        allRows().forEach(row -> assertThat(mgdcArtefacts(row.graphResource(), "$")).as(row.toString()).isEmpty());
    }

    @Test
    void everySampleTableHasTenRowsOfOneTenant() {
        assertThat(tenant.tables()).hasSize(MgdcSamples.TABLES.size());
        tenant.tables().values().forEach(table -> assertThat(table.rows()).as(table.dataset().name()).hasSize(10));
        assertThat(tenant.tenantId()).isNotBlank();
        assertThat(tenant.users()).hasSize(tenant.userIds().size());
    }

    private static byte[] write(SampleRow row, RowMetadata metadata) {
        Dataset dataset = tenant.table(row.table()).dataset();
        return new MgdcRowWriter(dataset, dataset.columns()).toBytes(row.graphResource(), metadata);
    }

    private static Stream<SampleRow> allRows() {
        return MgdcSamples.TABLES.stream().map(tenant::table).flatMap(table -> table.rows().stream());
    }

    /** Where two lines first differ, with a little context, or empty when they are equal. */
    private static Optional<String> firstDifference(String expected, String actual) {
        int length = Math.min(expected.length(), actual.length());
        int index = 0;
        while (index < length && expected.charAt(index) == actual.charAt(index)) {
            index++;
        }
        if (index == length && expected.length() == actual.length()) {
            return Optional.empty();
        }
        int from = Math.max(0, index - 60);
        return Optional.of("at character " + index + ": expected ..."
                + expected.substring(from, Math.min(expected.length(), index + 60)) + "... but was ..."
                + actual.substring(from, Math.min(actual.length(), index + 60)) + "...");
    }

    /** The places in a Graph resource that still hold an MGDC enum literal or an MGDC metadata key. */
    private static List<String> mgdcArtefacts(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isTextual() && MGDC_ENUM.matcher(node.textValue()).matches()) {
            found.add(path);
        }
        node.properties().forEach(property -> {
            if (METADATA_KEYS.contains(property.getKey())) {
                found.add(path + "." + property.getKey());
            }
            found.addAll(mgdcArtefacts(property.getValue(), path + "." + property.getKey()));
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(mgdcArtefacts(node.get(i), path + "[" + i + "]"));
            }
        }
        return found;
    }
}
