package io.github.cameloffice365.simulator.dfs;

import java.util.Objects;

/**
 * A scripted failure of {@link DfsSimulator}: which operation it hits, which matching request it starts at, how many
 * times it fires and what it does.
 *
 * <ul>
 * <li>{@link #dropResponseAfterApplying(DfsOperation)}: the request takes effect and then the connection is closed
 * without an answer, as when a response is lost on the network. The client cannot tell whether it took effect, and a
 * retry must not write its bytes twice.</li>
 * <li>{@link #failBeforeApplying(DfsOperation, int, String)}: the service answers with an error and does nothing, as
 * a busy or failing service does.</li>
 * </ul>
 *
 * @param operation the operation it hits
 * @param kind      what it does
 * @param status    the HTTP status of a {@link Kind#FAIL_BEFORE_APPLYING} fault
 * @param errorCode the error code of a {@link Kind#FAIL_BEFORE_APPLYING} fault
 * @param skip      how many matching requests pass before it fires
 * @param times     how many matching requests it fires on
 */
public record DfsFault(DfsOperation operation, Kind kind, int status, String errorCode, int skip, int times) {

    /** What a fault does to the request it fires on. */
    public enum Kind {
        /** The request takes effect; the connection is then closed without a response. */
        DROP_RESPONSE_AFTER_APPLYING,
        /** The request is answered with an error status and has no effect. */
        FAIL_BEFORE_APPLYING
    }

    public DfsFault {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        if (skip < 0 || times < 1) {
            throw new IllegalArgumentException("skip must be 0 or more and times 1 or more, got skip=" + skip
                                               + " times=" + times);
        }
    }

    /** The first matching request takes effect and its response is lost. */
    public static DfsFault dropResponseAfterApplying(DfsOperation operation) {
        return new DfsFault(operation, Kind.DROP_RESPONSE_AFTER_APPLYING, 0, null, 0, 1);
    }

    /** The first matching request is answered with this status and error code and has no effect. */
    public static DfsFault failBeforeApplying(DfsOperation operation, int status, String errorCode) {
        return new DfsFault(operation, Kind.FAIL_BEFORE_APPLYING, status, errorCode, 0, 1);
    }

    /** The same fault, letting the first {@code count} matching requests pass. */
    public DfsFault afterPassing(int count) {
        return new DfsFault(operation, kind, status, errorCode, count, times);
    }

    /** The same fault, firing on {@code count} matching requests in a row. */
    public DfsFault times(int count) {
        return new DfsFault(operation, kind, status, errorCode, skip, count);
    }
}
