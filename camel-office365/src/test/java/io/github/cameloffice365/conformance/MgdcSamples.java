package io.github.cameloffice365.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.DatasetCatalog;
import org.junit.jupiter.api.Assumptions;

/**
 * Microsoft's published MGDC output rows, read at test time from the folder named by the system property
 * {@value #DIRECTORY_PROPERTY} (the build sets it). The repository holds none of them.
 *
 * <p>When the folder or one of its files is missing, the test that asks for it is skipped with a message that says
 * what is missing; when the system property {@value #REQUIRED_PROPERTY} is {@code true} (the {@code ci} profile),
 * it fails instead, so that a build that must check conformance cannot pass without checking it.
 */
public final class MgdcSamples {

    /** The system property that names the samples folder. */
    public static final String DIRECTORY_PROPERTY = "office365.samples.dir";
    /** The system property that turns a missing samples folder from a skip into a failure. */
    public static final String REQUIRED_PROPERTY = "office365.samples.required";

    /** The tables Microsoft published samples of, one file {@code <table>.json} each. */
    public static final List<String> TABLES = List.of(DatasetCatalog.MESSAGE_V1, DatasetCatalog.EVENT_V1,
            DatasetCatalog.CONTACT_V1, DatasetCatalog.USER_V1, DatasetCatalog.MAILBOX_SETTINGS_V0);

    static final JsonMapper JSON = JsonMapper.builder().build();

    private MgdcSamples() {
    }

    /**
     * The samples folder with a file for every table of {@link #TABLES}; skips the calling test when it is not there,
     * or fails it when the samples are required.
     */
    public static Path directory() {
        return locate(System.getProperty(DIRECTORY_PROPERTY), Boolean.getBoolean(REQUIRED_PROPERTY));
    }

    /** The samples folder named by {@code configured}, checked as {@link #directory()} describes. */
    static Path locate(String configured, boolean required) {
        String missing = null;
        Path directory = null;
        if (configured == null || configured.isBlank()) {
            missing = "the system property " + DIRECTORY_PROPERTY + " is not set, so the folder of Microsoft's MGDC "
                    + "sample rows is unknown";
        } else {
            directory = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(directory)) {
                missing = "the folder of Microsoft's MGDC sample rows, " + directory + " (system property "
                        + DIRECTORY_PROPERTY + "), does not exist";
            } else {
                for (String table : TABLES) {
                    if (!Files.isRegularFile(file(directory, table))) {
                        missing = "the MGDC sample file " + file(directory, table) + " does not exist";
                        break;
                    }
                }
            }
        }
        if (missing == null) {
            return directory;
        }
        if (required) {
            throw new AssertionError("The conformance tests cannot run: " + missing + ", and " + REQUIRED_PROPERTY
                    + "=true requires them");
        }
        String reason = "Skipped because " + missing + ". The conformance tests compare the output with Microsoft's "
                + "sample rows; run the build from a checkout that has them beside it, or set " + REQUIRED_PROPERTY
                + "=true to fail instead of skipping";
        // Surefire does not print why a whole class was skipped: say it on the console
        System.err.println("SKIPPED " + reason);
        Assumptions.abort(reason);
        throw new IllegalStateException("not reached");
    }

    /** The sample file of a table. */
    public static Path file(Path directory, String table) {
        return directory.resolve(table + ".json");
    }

    /** The lines of a table's sample file, each one row, decoded as UTF-8. */
    public static List<String> lines(Path directory, String table) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file(directory, table), StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the MGDC samples of " + table + " failed", e);
        }
    }

    /** The rows of a table's sample file, parsed. */
    public static List<ObjectNode> rows(Path directory, String table) {
        return lines(directory, table).stream().map(MgdcSamples::parseRow).toList();
    }

    /** One JSON line as an object. */
    public static ObjectNode parseRow(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!(node instanceof ObjectNode row)) {
                throw new IllegalArgumentException("A row must be a JSON object, not " + node.getNodeType());
            }
            return row;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A row is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
