package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field case D3, platform half: a JVM whose default charset is ISO-8859-1 writes the same row bytes as this one.
 * The row is written in a second JVM started with {@code -Dfile.encoding=ISO-8859-1}, so that the check does not depend
 * on how the build configures the test JVM.
 */
class RowBytesUnderAnotherDefaultCharsetTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;
    private static final String SUBJECT = "Résumé 📈 東京 — Grüße";

    @Test
    void shouldWriteTheSameUtf8BytesWhenTheDefaultCharsetIsIso88591(@TempDir Path folder) throws Exception {
        Path rowFile = folder.resolve("row.json");
        Path charsetFile = folder.resolve("charset.txt");

        Process child = new ProcessBuilder(javaExecutable(), "-Dfile.encoding=ISO-8859-1", "-cp", testClassPath(),
                RowBytesUnderAnotherDefaultCharsetTest.class.getName(), rowFile.toString(), charsetFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.log").toFile())
                .start();
        boolean finished = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }

        assertThat(finished).as("the child JVM finished within %d s", CHILD_TIMEOUT_SECONDS).isTrue();
        assertThat(child.exitValue()).as(() -> "child exit; log: " + readLog(folder)).isZero();
        assertThat(Files.readString(charsetFile, StandardCharsets.UTF_8)).isEqualTo("ISO-8859-1");
        byte[] childRow = Files.readAllBytes(rowFile);
        assertThat(childRow).isEqualTo(row());
        assertThat(MgdcRowWriterTest.parse(childRow).get("subject").textValue()).isEqualTo(SUBJECT);
    }

    /** The row of field case D3, written by the JVM that runs this method. */
    static byte[] row() {
        Dataset message = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
        ObjectNode item = MgdcRowWriterTest.item("{\"id\":\"1\",\"subject\":\"" + SUBJECT + "\","
                + "\"from\":{\"emailAddress\":{\"name\":\"Zoë Ørsted\",\"address\":\"zoe@contoso.test\"}},"
                + "\"bodyPreview\":\"broken \\ud83d preview\"}");
        return new MgdcRowWriter(message, message.columns()).toBytes(item,
                new RowMetadata("5b8c1e0a-6f3d-4e47-9d1a-2f6a7c9e0b11", "9a4b2c1d-0000-4000-8000-00000000c0de", 0, 0, 0));
    }

    /** The child JVM: writes the row and the name of its default charset to the two files named. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), row());
        Files.writeString(Path.of(args[1]), Charset.defaultCharset().name(), StandardCharsets.UTF_8);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path: surefire names it separately when it starts tests through a manifest-only jar. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static String readLog(Path folder) {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("child.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(0, Math.min(lines.size(), 20)));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
