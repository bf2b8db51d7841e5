package io.github.cameloffice365.dataset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The date window of a run: from {@code start} (inclusive) to {@code end} (exclusive), both in UTC.
 *
 * <p>The endpoint options startTime and endTime are read with {@link #parse(String, String)}, which accepts only
 * ISO-8601 instants that say which offset they are in ({@code 2024-03-01T00:00:00Z} or
 * {@code 2024-03-01T00:00:00+01:00}); a local time without an offset would mean a different instant on every machine,
 * so it is rejected rather than guessed.
 *
 * @param start the first instant of the window
 * @param end   the first instant after the window, later than start
 */
public record DateWindow(Instant start, Instant end) {

    /** The form startTime and endTime must have, as said in error messages. */
    public static final String ACCEPTED_FORM =
            "an ISO-8601 instant with Z or an offset, e.g. 2024-03-01T00:00:00Z or 2024-03-01T00:00:00+01:00";

    public DateWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Option startTime (" + start + ") must be earlier than option endTime ("
                    + end + ")");
        }
    }

    /**
     * Reads the startTime and endTime options.
     *
     * @throws IllegalArgumentException naming the option and the accepted form when a value is missing, is not an
     *                                  instant with an offset, or when startTime is not earlier than endTime
     */
    public static DateWindow parse(String startTime, String endTime) {
        Instant start = parseInstant("startTime", startTime);
        Instant end = parseInstant("endTime", endTime);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("Option startTime has the value '" + startTime
                    + "', which is not earlier than option endTime '" + endTime + "' (" + start + " is not before "
                    + end + " in UTC); startTime must be earlier than endTime");
        }
        return new DateWindow(start, end);
    }

    /**
     * The value of one option as a UTC instant.
     *
     * @throws IllegalArgumentException naming the option and the accepted form
     */
    public static Instant parseInstant(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option " + option + " is required with a date filter; use "
                    + ACCEPTED_FORM);
        }
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Option " + option + " has the value '" + value + "', which is not "
                    + ACCEPTED_FORM, e);
        }
    }

    /**
     * The instant as Graph reads it in a {@code $filter}: unquoted, in UTC, {@code 2024-03-01T00:00:00Z}; a
     * fraction of a second is written only when the instant has one.
     */
    public static String filterLiteral(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
