package io.github.cameloffice365.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.conformance.MgdcSamples;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job on its embedded demo default, as README runs it: for each of the five tables, the demo tenant's rows
 * have the fields, the nesting and the kinds of values of Microsoft's sample rows of that table.
 */
class MainJobDemoOutputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = { "BasicDataSet_v0.Message_v1", "BasicDataSet_v0.Event_v1", "BasicDataSet_v0.Contact_v1",
                             "BasicDataSet_v0.User_v1", "BasicDataSet_v0.MailboxSettings_v0" })
    void shouldWriteTheDemoTenantInTheShapeOfMicrosoftsRows(String table) throws Exception {
        Path samples = MgdcSamples.directory();
        Path output = work.resolve("output");

        Office365Application application = new Office365Application();
        application.addOverrideProperty("office365.table", table);
        application.addOverrideProperty("office365.output-dir", output.toString());
        application.addOverrideProperty("office365.consent.jdbc-url", "jdbc:h2:file:" + work.resolve("consent"));
        application.addOverrideProperty("camel.server.port", Integer.toString(freePort()));
        application.run();

        assertThat(application.getExitCode()).as("exit code").isZero();
        List<ObjectNode> rows = rowsUnder(output.resolve(table));
        assertThat(rows).as("demo rows of %s", table).isNotEmpty();
        Shape expected = new Shape();
        MgdcSamples.rows(samples, table).forEach(expected::learn);
        for (ObjectNode row : rows) {
            assertThat(expected.differences(row)).as("row %s of %s", row.path("id").asText(), table).isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<ObjectNode> rowsUnder(Path folder) throws IOException {
        List<ObjectNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path part : files.filter(file -> file.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    rows.add((ObjectNode) MAPPER.readTree(line));
                }
            }
        }
        return rows;
    }

    /**
     * The keys and kinds of value (string, number, boolean, object, array) seen at each path of the sample rows. A
     * demo row matches when its top-level keys are among those the samples have and include those every sample has,
     * and each value is of a kind the samples have at that path; null is always accepted, and anything where the samples
     * hold only nulls.
     */
    private static final class Shape {

        private final Map<String, Set<String>> kinds = new HashMap<>();
        private Set<String> everyRowHas;
        private final Set<String> someRowHas = new HashSet<>();

        void learn(ObjectNode row) {
            Set<String> keys = new HashSet<>();
            row.fieldNames().forEachRemaining(keys::add);
            someRowHas.addAll(keys);
            if (everyRowHas == null) {
                everyRowHas = new HashSet<>(keys);
            } else {
                everyRowHas.retainAll(keys);
            }
            learn("$", row);
        }

        private void learn(String path, JsonNode value) {
            kinds.computeIfAbsent(path, p -> new HashSet<>()).add(kindOf(value));
            if (value.isObject()) {
                value.fields().forEachRemaining(field -> learn(path + "." + field.getKey(), field.getValue()));
            } else if (value.isArray()) {
                value.forEach(element -> learn(path + "[]", element));
            }
        }

        List<String> differences(ObjectNode row) {
            List<String> differences = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            row.fieldNames().forEachRemaining(keys::add);
            Set<String> missing = new HashSet<>(everyRowHas);
            missing.removeAll(keys);
            if (!missing.isEmpty()) {
                differences.add("missing keys " + missing);
            }
            Set<String> extra = new HashSet<>(keys);
            extra.removeAll(someRowHas);
            if (!extra.isEmpty()) {
                differences.add("keys the samples never have " + extra);
            }
            compare("$", row, differences);
            return differences;
        }

        private void compare(String path, JsonNode value, List<String> differences) {
            Set<String> seen = kinds.get(path);
            String kind = kindOf(value);
            // where the samples hold only nulls they say nothing of the kind
            if (seen == null || kind.equals("null") || Set.of("null").equals(seen)) {
                return;
            }
            if (!seen.contains(kind) && !(kind.equals("number") && seen.contains("number"))) {
                differences.add(path + " is " + kind + ", the samples have " + seen);
                return;
            }
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    compare(path + "." + field.getKey(), field.getValue(), differences);
                }
            } else if (value.isArray()) {
                value.forEach(element -> compare(path + "[]", element, differences));
            }
        }

        private static String kindOf(JsonNode value) {
            if (value.isNull()) {
                return "null";
            }
            if (value.isNumber()) {
                return "number";
            }
            return value.getNodeType().name().toLowerCase();
        }
    }
}
