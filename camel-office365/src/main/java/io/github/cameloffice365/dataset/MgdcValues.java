package io.github.cameloffice365.dataset;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The value conversions between Microsoft Graph and MGDC rows. Each one is lenient: a value it cannot read is kept as
 * Graph sent it, so that no row is lost to an unexpected format.
 */
final class MgdcValues {

    /** The timestamp form of every MGDC date column: second precision, UTC, {@code Z}. */
    static final DateTimeFormatter MGDC_TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    /** The day MGDC puts before a Graph time of day ({@code workingHours.startTime}). */
    private static final LocalDate TIME_OF_DAY_EPOCH = LocalDate.of(1970, 1, 1);

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private MgdcValues() {
    }

    /**
     * A Graph DateTimeOffset or Date as an MGDC timestamp: {@code 2021-02-03T00:37:45.1234567+01:00} becomes
     * {@code 2021-02-02T23:37:45Z} (fractions are cut, not rounded), {@code 2012-02-07} becomes
     * {@code 2012-02-07T00:00:00Z}. A date-time without an offset is read as UTC, as Graph means it.
     */
    static String timestamp(String value) {
        if (isMgdcTimestamp(value)) {
            return value;
        }
        try {
            if (value.indexOf('T') < 0) {
                return MGDC_TIMESTAMP.format(LocalDate.parse(value).atStartOfDay());
            }
            if (hasOffset(value)) {
                OffsetDateTime dateTime = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                OffsetDateTime utc = dateTime.withOffsetSameInstant(ZoneOffset.UTC);
                return MGDC_TIMESTAMP.format(utc.truncatedTo(ChronoUnit.SECONDS));
            }
            return MGDC_TIMESTAMP.format(LocalDateTime.parse(value).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** A Graph timeOfDay such as {@code 08:00:00.0000000} as MGDC writes it: {@code 1970-01-01T08:00:00Z}. */
    static String timeOfDay(String value) {
        if (value.indexOf('T') >= 0) {
            return timestamp(value);
        }
        try {
            LocalTime time = LocalTime.parse(value).truncatedTo(ChronoUnit.SECONDS);
            return MGDC_TIMESTAMP.format(TIME_OF_DAY_EPOCH.atTime(time));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /**
     * The string with every unpaired UTF-16 surrogate replaced by U+FFFD. Such a string cannot be encoded as UTF-8;
     * a paired surrogate (an emoji, say) is kept.
     */
    static String replaceLoneSurrogates(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (isPairAt(value, i)) {
                    i++;
                } else {
                    return replaceLoneSurrogatesFrom(value, i);
                }
            }
        }
        return value;
    }

    private static String replaceLoneSurrogatesFrom(String value, int start) {
        StringBuilder repaired = new StringBuilder(value.length()).append(value, 0, start);
        int length = value.length();
        for (int i = start; i < length; i++) {
            char c = value.charAt(i);
            if (!Character.isSurrogate(c)) {
                repaired.append(c);
            } else if (isPairAt(value, i)) {
                repaired.append(c).append(value.charAt(++i));
            } else {
                repaired.append(REPLACEMENT_CHARACTER);
            }
        }
        return repaired.toString();
    }

    private static boolean isPairAt(String value, int index) {
        return Character.isHighSurrogate(value.charAt(index))
                && index + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(index + 1));
    }

    /** Whether the value is already {@code yyyy-MM-ddTHH:mm:ssZ}, the form Graph sends most timestamps in. */
    private static boolean isMgdcTimestamp(String value) {
        if (value.length() != 20 || value.charAt(19) != 'Z' || value.charAt(10) != 'T') {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            char c = value.charAt(i);
            boolean separator = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
            if (!separator && (c < '0' || c > '9')) {
                return false;
            }
        }
        return value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(13) == ':' && value.charAt(16) == ':';
    }

    private static boolean hasOffset(String value) {
        int time = value.indexOf('T');
        char last = value.charAt(value.length() - 1);
        return last == 'Z' || last == 'z' || value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0;
    }
}
