package io.github.cameloffice365.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class MgdcSamplesTest {

    @Test
    void shouldSkipWithAReasonWhenTheFolderIsMissingAndTheSamplesAreOptional(@TempDir Path folder) {
        Path missing = folder.resolve("no-such-folder");

        assertThatThrownBy(() -> MgdcSamples.locate(missing.toString(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining(MgdcSamples.DIRECTORY_PROPERTY)
                .hasMessageContaining(MgdcSamples.REQUIRED_PROPERTY);
    }

    @Test
    void shouldFailWhenTheFolderIsMissingAndTheSamplesAreRequired(@TempDir Path folder) {
        assertThatThrownBy(() -> MgdcSamples.locate(folder.resolve("no-such-folder").toString(), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining(MgdcSamples.REQUIRED_PROPERTY + "=true");
    }

    @Test
    void shouldSkipWhenThePropertyIsNotSet() {
        assertThatThrownBy(() -> MgdcSamples.locate(null, false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("is not set");
    }

    @Test
    void shouldNameTheFirstMissingFile(@TempDir Path folder) throws IOException {
        Files.writeString(MgdcSamples.file(folder, MgdcSamples.TABLES.get(0)), "{}");

        assertThatThrownBy(() -> MgdcSamples.locate(folder.toString(), true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(MgdcSamples.TABLES.get(1) + ".json");
    }

    @Test
    void shouldAcceptAFolderWithEveryFile(@TempDir Path folder) throws IOException {
        for (String table : MgdcSamples.TABLES) {
            Files.writeString(MgdcSamples.file(folder, table), "{}\n");
        }

        assertThat(MgdcSamples.locate(folder.toString(), true)).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(MgdcSamples.rows(folder, MgdcSamples.TABLES.get(0))).hasSize(1);
    }
}
