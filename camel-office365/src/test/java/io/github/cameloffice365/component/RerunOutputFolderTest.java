package io.github.cameloffice365.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.cameloffice365.component.SmallTenants.messages;
import static io.github.cameloffice365.component.SmallTenants.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rerun of the same extraction writes into the same run folder (the run id is derived from the extraction), and
 * every sink writes a part at its name, replacing what was there. The folder must then hold the rerun's rows, each
 * once: exactly as many lines as the rerun's summary counts.
 */
class RerunOutputFolderTest {

    private static final String MESSAGES = "BasicDataSet_v0.Message_v1";

    @TempDir
    Path work;

    @Test
    void shouldLeaveNoRowTwiceInTheRunFolderWhenTheSameExtractionIsRerunWithFewerMailboxesAtOnce() throws Exception {
        Tenant.Builder tenant = SmallTenants.tenant();
        for (int i = 0; i < 4; i++) {
            String id = String.format("00000000-0000-0000-0002-%012d", i);
            tenant.user(user(id, "user" + i, "Member", true, "exchangeOnline")).messages(id, messages(id, 3));
        }
        Path folder = Files.createDirectories(work.resolve("out"));
        try (GraphSimulator simulator = GraphSimulator.builder().tenant(tenant.build()).start()) {
            ExtractionHarness harness = new ExtractionHarness(simulator, work).onPart(exchange -> writeAtItsName(
                    folder, exchange.getMessage().getHeader(Office365Constants.FILE_NAME, String.class),
                    exchange.getMessage().getBody(byte[].class)));

            ExtractionHarness.Outcome first = harness.run(ExtractionHarness.uri(MESSAGES, options("4")));
            ExtractionHarness.Outcome second = harness.run(ExtractionHarness.uri(MESSAGES, options("1")));

            // another part layout is another run: its parts never mix with the first run's
            assertThat(second.summaryFileName).isNotEqualTo(first.summaryFileName);
            Path runFolder = folder.resolve(second.summaryFileName).getParent();
            List<String> lines = partLines(runFolder);
            assertThat(second.summary.path("rows").asLong()).isEqualTo(12);
            assertThat(lines).as("lines of every part-*.json in %s", runFolder)
                    .hasSize(second.summary.path("rows").asInt());
            assertThat(lines.stream().map(RerunOutputFolderTest::rowKey).distinct()).hasSize(lines.size());
        }
    }

    private static Map<String, String> options(String maxConcurrentMailboxes) {
        Map<String, String> options = new HashMap<>(Map.of("dateFilterColumn", "receivedDateTime",
                "startTime", "2026-03-01T00:00:00Z", "endTime", "2026-04-01T00:00:00Z"));
        options.put("maxConcurrentMailboxes", maxConcurrentMailboxes);
        return options;
    }

    /** What a file, Blob or ADLS sink does with a part: write it at its name, replacing a file of that name. */
    private static void writeAtItsName(Path folder, String name, byte[] content) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> partLines(Path runFolder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(runFolder)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                for (String line : Files.readString(part, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    private static String rowKey(String line) {
        try {
            JsonNode row = new ObjectMapper().readTree(line);
            return row.path("puser").asText() + "/" + row.path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
