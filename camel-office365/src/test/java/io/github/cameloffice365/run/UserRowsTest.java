package io.github.cameloffice365.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserRowsTest {

    @Test
    void shouldGiveBackEveryRowInOrderWhenTheRowsSpillToAFile() throws IOException {
        List<String> written = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        try (UserRows rows = new UserRows(1024)) {
            for (int i = 0; i < 200; i++) {
                String row = "{\"n\":" + i + ",\"text\":\"" + "é".repeat(i % 7) + "\"}";
                written.add(row);
                rows.startRow().write(row.getBytes(StandardCharsets.UTF_8));
                rows.endRow();
            }
            rows.forEachRow((bytes, offset, length) -> replayed.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
            assertThat(rows.rows()).isEqualTo(200);
        }
        assertThat(replayed).containsExactlyElementsOf(written);
    }

    @Test
    void shouldGiveBackRowsThatCrossTheFilesReadBlocks() throws IOException {
        List<String> written = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        try (UserRows rows = new UserRows(1024)) {
            for (int i = 0; i < 40; i++) {
                String row = "{\"n\":" + i + ",\"body\":\"" + "x".repeat(50_000 + i * 997) + "\"}";
                written.add(row);
                rows.startRow().write(row.getBytes(StandardCharsets.UTF_8));
                rows.endRow();
            }
            rows.forEachRow((bytes, offset, length) -> replayed.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
        }
        assertThat(replayed).containsExactlyElementsOf(written);
    }

    @Test
    void shouldDropARowThatWasStartedButNotEnded() throws IOException {
        List<String> replayed = new ArrayList<>();
        try (UserRows rows = new UserRows(1024)) {
            rows.startRow().write("{\"kept\":true}".getBytes(StandardCharsets.UTF_8));
            rows.endRow();
            rows.startRow().write("{\"half".getBytes(StandardCharsets.UTF_8));
            rows.forEachRow((bytes, offset, length) -> replayed.add(new String(bytes, offset, length, StandardCharsets.UTF_8)));
        }
        assertThat(replayed).containsExactly("{\"kept\":true}");
    }
}
