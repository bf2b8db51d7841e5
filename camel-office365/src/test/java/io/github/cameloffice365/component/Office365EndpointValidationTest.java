package io.github.cameloffice365.component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.GraphSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every option is checked when the endpoint starts: a wrong one stops the route with a message that names the option,
 * the value and what is accepted, and Microsoft Graph (here the simulator) receives no request at all.
 */
class Office365EndpointValidationTest {

    @RegisterExtension
    static final GraphSimulatorExtension GRAPH = GraphSimulatorExtension.forTenant("demo");

    @TempDir
    static Path work;

    static Stream<Arguments> invalidOptions() {
        String message = "BasicDataSet_v0.Message_v1";
        String user = "BasicDataSet_v0.User_v1";
        return Stream.of(
                arguments("an unknown table", "BasicDataSet_v0.Mailbox_v0", Map.of(), "tableName",
                        "BasicDataSet_v0.Message_v1"),
                arguments("a required date filter missing", message, Map.of(), "dateFilterColumn", "receivedDateTime"),
                arguments("a column that is not a date column of the table (F2)", message,
                        window("Subject", "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z"), "dateFilterColumn",
                        "receivedDateTime"),
                arguments("a date filter on a table without date columns (F2)", user,
                        window("ReceivedDateTime", "2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z"), "dateFilterColumn",
                        user),
                arguments("a timestamp without offset (F1c)", message,
                        window("receivedDateTime", "2024-03-01T00:00:00", "2024-03-02T00:00:00Z"), "startTime",
                        "2024-03-01T00:00:00"),
                arguments("a timestamp that is not ISO-8601 (F1d)", message,
                        window("receivedDateTime", "03/01/2024", "2024-03-02T00:00:00Z"), "startTime", "03/01/2024"),
                arguments("startTime not before endTime", message,
                        window("receivedDateTime", "2024-03-02T00:00:00Z", "2024-03-02T00:00:00Z"), "startTime",
                        "2024-03-02T00:00:00Z"),
                arguments("a window without its column", user, Map.of("startTime", "2024-03-01T00:00:00Z",
                        "endTime", "2024-03-02T00:00:00Z"), "startTime", "dateFilterColumn"),
                arguments("11 groups (U2)", user, Map.of("allowedGroups", String.join(",", elevenGroups())),
                        "allowedGroups", "10"),
                arguments("both scope options (U2)", user, Map.of("allowedGroups", "g-fin",
                        "userScopeFilterUri", "https://graph.microsoft.com/v1.0/users?$filter=department eq 'Finance'"),
                        "userScopeFilterUri", "allowedGroups"),
                arguments("a filter URI on another host (U3b)", user,
                        Map.of("userScopeFilterUri", "https://evil.example/v1.0/users?$filter=department eq 'Finance'"),
                        "userScopeFilterUri", "evil.example"),
                arguments("a filter URI on another path (U3b)", user,
                        Map.of("userScopeFilterUri", "https://graph.microsoft.com/beta/users?$filter=department eq 'X'"),
                        "userScopeFilterUri", "/v1.0/users"),
                arguments("an unknown output column", user, Map.of("outputColumns", "id,favouriteColour"),
                        "outputColumns", "favouriteColour"),
                arguments("an unknown body content type", user, Map.of("bodyContentType", "rtf"), "bodyContentType",
                        "text"),
                arguments("a part size below the minimum", user, Map.of("partSize", "10"), "partSize", "1024"),
                arguments("a shard index outside the shards", user, Map.of("shardIndex", "2", "shardCount", "2"),
                        "shardIndex", "shardCount"),
                arguments("a page size above Graph's limit", user, Map.of("pageSize", "5000"), "pageSize", "999"),
                arguments("a client id that is not a GUID", user, Map.of("servicePrincipalId", "my-app"),
                        "servicePrincipalId", "GUID"),
                arguments("a Graph base URL over plain HTTP", user, Map.of("graphBaseUrl", "http://127.0.0.1:1"),
                        "graphBaseUrl", "https"),
                arguments("a Graph base URL with the version", user,
                        Map.of("graphBaseUrl", "https://graph.microsoft.com/v1.0"), "graphBaseUrl", "without a path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void shouldStopTheRouteAtStartWithoutAnyRequestWhenAnOptionIsWrong(String what, String table,
            Map<String, String> options, String option, String accepted, GraphSimulator simulator) throws Exception {
        ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work).run(ExtractionHarness.uri(table, options));

        assertThat(outcome.startFailure).as("the route must not start").isNotNull();
        assertThat(outcome.startFailureMessage()).contains(option).contains(accepted);
        assertThat(simulator.requests()).as("requests the simulator received").isEmpty();
    }

    @Test
    void shouldRefuseTwoCredentialsAtOnce(GraphSimulator simulator) throws Exception {
        Map<String, String> options = Map.of("servicePrincipalCertificatePath", work.resolve("none.p12").toString());

        ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                .run(ExtractionHarness.uri("BasicDataSet_v0.User_v1", options));

        assertThat(outcome.startFailureMessage()).contains("servicePrincipalKey").contains("servicePrincipalCertificatePath")
                .contains("both are set");
        assertThat(simulator.requests()).isEmpty();
    }

    @ParameterizedTest(name = "runId={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "..", "." })
    void shouldRefuseARunIdThatNamesAFolderOutsideTheTablesFolder(String runId, GraphSimulator simulator)
            throws Exception {
        ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                .run(ExtractionHarness.uri("BasicDataSet_v0.User_v1", Map.of("runId", runId)));

        assertThat(outcome.startFailure).as("parts would be named BasicDataSet_v0.User_v1/" + runId
                + "/part-...json").isNotNull();
        assertThat(outcome.startFailureMessage()).contains("runId");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void shouldNormaliseAStartTimeWithAnOffsetToUtcInTheRunContext(GraphSimulator simulator) throws Exception {
        Map<String, String> options = window("ReceivedDateTime", "2026-03-01T00:00:00+01:00", "2026-03-02T00:00:00Z");

        ExtractionHarness.Outcome outcome = new ExtractionHarness(simulator, work)
                .run(ExtractionHarness.uri("BasicDataSet_v0.Message_v1", options));

        assertThat(outcome.context.startTime()).hasToString("2026-02-28T23:00:00Z");
        assertThat(outcome.context.dateFilterColumn()).isEqualTo("receivedDateTime");
        assertThat(simulator.dataRequests()).allSatisfy(request -> assertThat(request.pathAndQuery())
                .contains("receivedDateTime%20ge%202026-02-28T23:00:00Z%20and%20receivedDateTime%20lt%202026-03-02T00:00:00Z"));
        assertThat(simulator.dataRequests()).isNotEmpty();
    }

    private static Map<String, String> window(String column, String start, String end) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("dateFilterColumn", column);
        options.put("startTime", start);
        options.put("endTime", end);
        return options;
    }

    private static String[] elevenGroups() {
        String[] groups = new String[11];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = "00000000-0000-0000-0000-0000000000" + (10 + i);
        }
        return groups;
    }
}
