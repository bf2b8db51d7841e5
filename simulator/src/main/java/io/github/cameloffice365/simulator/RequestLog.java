package io.github.cameloffice365.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The requests received, oldest first, bounded: past the limit the oldest are forgotten.
 */
final class RequestLog {

    private final int limit;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    RequestLog(int limit) {
        this.limit = limit;
    }

    synchronized void add(RecordedRequest request) {
        if (limit == 0) {
            return;
        }
        if (requests.size() >= limit) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
