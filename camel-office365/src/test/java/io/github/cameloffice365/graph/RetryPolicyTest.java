package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    /** A policy whose jitter is fixed: 0 keeps the full backoff, values near 1 shorten it by nearly 20 %. */
    private static RetryPolicy policy(double random) {
        return new RetryPolicy(6, BASE, MAX, () -> random);
    }

    @ParameterizedTest(name = "status {0} is retried")
    @ValueSource(ints = { 429, 500, 502, 503, 504 })
    void shouldRetryThrottlingAndTransientServerErrors(int status) {
        assertThat(RetryPolicy.isRetriable(status)).isTrue();
    }

    @ParameterizedTest(name = "status {0} is not retried")
    @ValueSource(ints = { 200, 301, 400, 401, 403, 404, 408, 409, 412, 501, 505 })
    void shouldNotRetryErrorsThatWouldRepeat(int status) {
        assertThat(RetryPolicy.isRetriable(status)).isFalse();
    }

    @ParameterizedTest(name = "status {0}: retry {1} waits {2} ms without jitter")
    @CsvSource({ "429,1,1000", "500,2,2000", "502,3,4000", "503,4,8000", "504,5,16000", "429,6,32000",
                 "503,7,60000", "500,12,60000" })
    void shouldDoubleTheBackoffWithEveryRetryUpToTheMaximum(int status, int retry, long expectedMillis) {
        assertThat(RetryPolicy.isRetriable(status)).isTrue();
        assertThat(policy(0.0).delay(retry, null)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest(name = "retry {0} with the largest jitter stays within 80 % of the backoff")
    @CsvSource({ "1,800,1000", "3,3200,4000", "10,48000,60000" })
    void shouldShortenTheBackoffByAtMostTheJitter(int retry, long lowestMillis, long highestMillis) {
        Duration shortest = policy(0.9999999).backoff(retry);
        Duration longest = policy(0.0).backoff(retry);

        assertThat(shortest.toMillis()).isBetween(lowestMillis, highestMillis);
        assertThat(longest.toMillis()).isEqualTo(highestMillis);
        assertThat(shortest).isLessThan(longest);
    }

    @Test
    void shouldSpreadTheBackoffWithRealRandomness() {
        RetryPolicy policy = new RetryPolicy(6, BASE, MAX);

        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> policy.backoff(3))
                .peek(delay -> assertThat(delay.toMillis()).isBetween(3200L, 4000L))
                .distinct()
                .count();

        assertThat(distinct).isGreaterThan(1);
    }

    @ParameterizedTest(name = "status {0}: Retry-After {1} s beats a backoff of 1 s")
    @CsvSource({ "429,5", "503,2", "429,120" })
    void shouldWaitForRetryAfterWhenItIsLongerThanTheBackoff(int status, long retryAfterSeconds) {
        assertThat(RetryPolicy.isRetriable(status)).isTrue();
        Duration retryAfter = Duration.ofSeconds(retryAfterSeconds);

        assertThat(policy(0.0).delay(1, retryAfter)).isEqualTo(retryAfter);
    }

    @Test
    void shouldKeepTheBackoffWhenRetryAfterIsShorter() {
        assertThat(policy(0.0).delay(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void shouldNotOverflowAfterManyRetries() {
        assertThat(policy(0.0).backoff(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void shouldAllowExactlyMaxRetriesAfterTheFirstAttempt() {
        RetryPolicy policy = new RetryPolicy(3, BASE, MAX);

        assertThat(policy.hasMoreRetries(1)).isTrue();
        assertThat(policy.hasMoreRetries(3)).isTrue();
        assertThat(policy.hasMoreRetries(4)).isFalse();
        assertThat(new RetryPolicy(0, BASE, MAX).hasMoreRetries(1)).isFalse();
    }

    @Test
    void shouldRetryIoErrorsButNotCertificateFailures() {
        assertThat(RetryPolicy.isRetriable(new ConnectException("Connection refused"))).isTrue();
        assertThat(RetryPolicy.isRetriable(new HttpTimeoutException("timed out"))).isTrue();
        assertThat(RetryPolicy.isRetriable(new IOException("fixed content-length: 120, bytes received: 14")))
                .isTrue();

        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertThat(RetryPolicy.isRetriable(untrusted)).isFalse();
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" is {1} ms")
    @CsvSource(delimiter = '|', value = { "5|5000", "0|0", " 2 |2000", "1.5|1500", "120|120000" })
    void shouldReadRetryAfterInSeconds(String header, long expectedMillis) {
        assertThat(RetryPolicy.parseRetryAfter(header, NOW)).contains(Duration.ofMillis(expectedMillis));
    }

    @Test
    void shouldReadRetryAfterAsAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(10).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(10).atOffset(ZoneOffset.UTC));

        assertThat(RetryPolicy.parseRetryAfter(inTenSeconds, NOW)).contains(Duration.ofSeconds(10));
        assertThat(RetryPolicy.parseRetryAfter("Fri, 01 Mar 2024 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter(past, NOW)).contains(Duration.ZERO);
    }

    @ParameterizedTest(name = "Retry-After \"{0}\" is ignored")
    @NullAndEmptySource
    @ValueSource(strings = { "soon", "-5", "5s", "99999999999999999999999", "Friday" })
    void shouldIgnoreRetryAfterItCannotRead(String header) {
        assertThat(RetryPolicy.parseRetryAfter(header, NOW)).isEmpty();
    }
}
