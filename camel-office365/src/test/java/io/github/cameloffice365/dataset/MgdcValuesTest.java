package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MgdcValuesTest {

    @ParameterizedTest
    @CsvSource({
            "2021-02-03T00:37:45Z, 2021-02-03T00:37:45Z",
            "2021-02-03T00:37:45.9999999Z, 2021-02-03T00:37:45Z",
            "2021-02-03T00:37:45.123+01:00, 2021-02-02T23:37:45Z",
            "2021-02-03T00:37:45-08:00, 2021-02-03T08:37:45Z",
            "2021-02-03T00:37:45.0000000, 2021-02-03T00:37:45Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
            "2012-02-07, 2012-02-07T00:00:00Z",
            "0001-01-01, 0001-01-01T00:00:00Z",
            "not a date, not a date",
            "2021-02-30T00:00:00Z, 2021-02-30T00:00:00Z"})
    void shouldWriteTimestampsAtSecondPrecisionInUtc(String graph, String mgdc) {
        assertThat(MgdcValues.timestamp(graph)).isEqualTo(mgdc);
    }

    @ParameterizedTest
    @CsvSource({
            "08:00:00.0000000, 1970-01-01T08:00:00Z",
            "17:30:00, 1970-01-01T17:30:00Z",
            "23:59:59.9999999, 1970-01-01T23:59:59Z",
            "8 o'clock, 8 o'clock"})
    void shouldWriteTimesOfDayOnTheFirstOfJanuary1970(String graph, String mgdc) {
        assertThat(MgdcValues.timeOfDay(graph)).isEqualTo(mgdc);
    }

    @ParameterizedTest
    @CsvSource({
            "'a\uD83Db', 'a\uFFFDb'",
            "'\uD83D', '\uFFFD'",
            "'\uDCC8x', '\uFFFDx'",
            "'\uDCC8\uD83D', '\uFFFD\uFFFD'",
            "'\uD83D\uDCC8', '\uD83D\uDCC8'",
            "'ok \uD83D\uDCC8 then \uD83D', 'ok \uD83D\uDCC8 then \uFFFD'",
            "'plain', 'plain'"})
    void shouldReplaceOnlyUnpairedSurrogates(String value, String expected) {
        assertThat(MgdcValues.replaceLoneSurrogates(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "bodyType, html, microsoft.graph.bodyType'html'",
            "dayOfWeek, tuesday, microsoft.graph.dayOfWeek'tuesday'"})
    void shouldWriteNestedEnumerationsAsQualifiedLiterals(String enumType, String graph, String mgdc) {
        assertThat(ValueRule.enumeration(enumType).apply(graph)).isEqualTo(mgdc);
    }
}
