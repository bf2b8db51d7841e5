package io.github.cameloffice365.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one run did: written as the run-end exchange's body and as {@code _summary.json} beside the parts. Counts
 * are exact: {@link #rows()} equals the number of lines written to the parts listed in {@link #parts()}.
 */
public final class RunSummary {

    /** How a run ended. */
    public enum Status {
        /** Every user in scope was extracted or skipped for a documented reason. */
        SUCCEEDED,
        /** Some users failed; their errors are listed, the other users' rows are complete. */
        COMPLETED_WITH_FAILURES,
        /** The run could not finish: no part after the failure was written. */
        FAILED
    }

    /** A part written by the run. */
    public record Part(String fileName, long rows, long bytes) {
    }

    /** A user left out on purpose, and why. */
    public record SkippedUser(String id, String userPrincipalName, String reason) {
    }

    /** A user whose extraction failed; no row of theirs is in any part of the run. */
    public record FailedUser(String id, String userPrincipalName, String error) {
    }

    private final String runId;
    private final String table;
    private final int shardIndex;
    private final int shardCount;
    private final Instant startedAt;
    private final AtomicLong rows = new AtomicLong();
    private final List<Part> parts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> extractedUsers = Collections.synchronizedList(new ArrayList<>());
    private final List<SkippedUser> skippedUsers = Collections.synchronizedList(new ArrayList<>());
    private final List<FailedUser> failedUsers = Collections.synchronizedList(new ArrayList<>());
    private volatile int usersInScope;
    private volatile Instant finishedAt;
    private volatile String failure;

    public RunSummary(String runId, String table, int shardIndex, int shardCount, Instant startedAt) {
        this.runId = runId;
        this.table = table;
        this.shardIndex = shardIndex;
        this.shardCount = shardCount;
        this.startedAt = startedAt;
    }

    void usersInScope(int count) {
        this.usersInScope = count;
    }

    void partWritten(Part part) {
        parts.add(part);
        rows.addAndGet(part.rows());
    }

    void userExtracted(String userId) {
        extractedUsers.add(userId);
    }

    void userSkipped(SkippedUser user) {
        skippedUsers.add(user);
    }

    void userFailed(FailedUser user) {
        failedUsers.add(user);
    }

    void finished(Instant at, String failure) {
        this.finishedAt = at;
        this.failure = failure;
    }

    public Status status() {
        if (failure != null) {
            return Status.FAILED;
        }
        return failedUsers.isEmpty() ? Status.SUCCEEDED : Status.COMPLETED_WITH_FAILURES;
    }

    public String runId() {
        return runId;
    }

    public String table() {
        return table;
    }

    public int shardIndex() {
        return shardIndex;
    }

    public int shardCount() {
        return shardCount;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /** The rows written, in all parts. */
    public long rows() {
        return rows.get();
    }

    public int usersInScope() {
        return usersInScope;
    }

    /** The parts written, sorted by name. */
    public List<Part> parts() {
        return sorted(parts, Comparator.comparing(Part::fileName));
    }

    /** The ids of the users whose rows are complete, sorted. */
    public List<String> extractedUsers() {
        return sorted(extractedUsers, Comparator.naturalOrder());
    }

    /** The users left out on purpose, sorted by id. */
    public List<SkippedUser> skippedUsers() {
        return sorted(skippedUsers, Comparator.comparing(SkippedUser::id));
    }

    /** The users whose extraction failed, sorted by id. */
    public List<FailedUser> failedUsers() {
        return sorted(failedUsers, Comparator.comparing(FailedUser::id));
    }

    /** Why the run failed as a whole, or null. */
    public String failure() {
        return failure;
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        synchronized (list) {
            return list.stream().sorted(order).toList();
        }
    }
}
