package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Field case F1: the date literals of startTime and endTime. */
class DateWindowTest {

    @Test
    void shouldReadInstantsInUtc() {
        DateWindow window = DateWindow.parse("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z");

        assertThat(window.start()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-03-01T00:00:00+01:00, 2024-02-29T23:00:00Z",
            "2024-03-01T00:00:00-05:30, 2024-03-01T05:30:00Z",
            "2019-04-28T16:00:00.000Z, 2019-04-28T16:00:00Z",
            "2024-03-01T00:00:00.250Z, 2024-03-01T00:00:00.250Z"})
    void shouldNormaliseAnOffsetToUtc(String startTime, String expectedLiteral) {
        DateWindow window = DateWindow.parse(startTime, "2030-01-01T00:00:00Z");

        assertThat(DateWindow.filterLiteral(window.start())).isEqualTo(expectedLiteral);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-01T00:00:00", "03/01/2024", "2024-03-01", "yesterday", "2024-13-01T00:00:00Z"})
    void shouldRejectAStartTimeWithoutAnOffsetNamingTheOptionAndTheAcceptedForm(String startTime) {
        assertThatThrownBy(() -> DateWindow.parse(startTime, "2024-03-02T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTime")
                .hasMessageContaining("'" + startTime + "'")
                .hasMessageContaining("ISO-8601 instant with Z or an offset")
                .hasMessageContaining("2024-03-01T00:00:00Z");
    }

    @Test
    void shouldRejectAnEndTimeWithoutAnOffsetNamingEndTime() {
        assertThatThrownBy(() -> DateWindow.parse("2024-03-01T00:00:00Z", "03/02/2024"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Option endTime has the value '03/02/2024'");
    }

    @ParameterizedTest
    @CsvSource({
            "2024-03-02T00:00:00Z, 2024-03-01T00:00:00Z",
            "2024-03-01T00:00:00Z, 2024-03-01T00:00:00Z",
            "2024-03-01T01:00:00+01:00, 2024-03-01T00:00:00Z"})
    void shouldRejectAStartTimeThatIsNotEarlierThanTheEndTime(String startTime, String endTime) {
        assertThatThrownBy(() -> DateWindow.parse(startTime, endTime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTime")
                .hasMessageContaining("endTime")
                .hasMessageContaining("must be earlier");
    }

    @Test
    void shouldRejectAMissingStartTime() {
        assertThatThrownBy(() -> DateWindow.parse(" ", "2024-03-02T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option startTime is required");
    }

    @Test
    void shouldWriteFilterLiteralsUnquotedAtSecondPrecision() {
        assertThat(DateWindow.filterLiteral(Instant.parse("2024-03-01T00:00:00Z"))).isEqualTo("2024-03-01T00:00:00Z");
    }
}
