package io.github.cameloffice365.graph;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Decides whether a failed attempt is retried, and after how long. */
final class RetryPolicy {

    /** Throttling and the gateway errors Graph documents as transient. */
    private static final Set<Integer> RETRIABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
    /** A backoff is shortened by up to this fraction, so that clients throttled together do not retry together. */
    static final double JITTER = 0.2;
    /** Beyond this exponent the doubling has long passed any sensible maximum delay. */
    private static final int MAX_EXPONENT = 30;

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final DoubleSupplier random;

    RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this(maxRetries, baseDelay, maxDelay, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) that pick the jitter */
    RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.random = random;
    }

    /** Whether an HTTP status is worth another attempt: 429 and the transient 5xx. */
    static boolean isRetriable(int status) {
        return RETRIABLE_STATUSES.contains(status);
    }

    /**
     * Whether an I/O failure is worth another attempt. Connection resets, timeouts and bodies cut short are; a
     * certificate that fails validation will fail the same way again, so it is not.
     */
    static boolean isRetriable(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return false;
            }
        }
        return true;
    }

    /** Whether a request that has been sent {@code attempts} times may be sent once more. */
    boolean hasMoreRetries(int attempts) {
        return attempts <= maxRetries;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): the longer of what the server asked for and
     * our own backoff. The server's {@code Retry-After} is honoured even when it exceeds the maximum delay, because
     * retrying earlier only earns another 429.
     *
     * @param retryAfter the server's Retry-After, or null when it sent none
     */
    Duration delay(int retry, Duration retryAfter) {
        Duration backoff = backoff(retry);
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    /** Our own exponential backoff: base × 2^(retry-1), capped at the maximum, then shortened by a random jitter. */
    Duration backoff(int retry) {
        int exponent = Math.min(Math.max(retry - 1, 0), MAX_EXPONENT);
        long exponential = saturatedMultiply(baseDelay.toMillis(), 1L << exponent);
        long capped = Math.min(exponential, maxDelay.toMillis());
        long jittered = Math.round(capped * (1.0 - JITTER * random.getAsDouble()));
        return Duration.ofMillis(Math.max(jittered, 1));
    }

    /**
     * Reads a Retry-After header: a number of seconds, or an HTTP date (then the time from {@code now} until that
     * date, zero when it has passed). Empty when the header is absent or not understood.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (Character.isDigit(text.charAt(0))) {
            try {
                long millis = new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
                return Optional.of(Duration.ofMillis(millis));
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        try {
            Instant date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(date.isAfter(now) ? Duration.between(now, date) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
