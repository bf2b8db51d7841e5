package io.github.cameloffice365.graph;

import java.time.Duration;

/**
 * Waits for a while. The Graph client waits through a {@code Sleeper} (between retries, while a mailbox is paused by
 * a 429) so that tests can replace real waiting with a clock they move forward themselves.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for the given duration. An implementation used together with a test clock must move that clock forward by
     * the same duration.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The sleeper that really waits, with {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
