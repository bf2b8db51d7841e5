package io.github.cameloffice365.simulator;

import io.github.cameloffice365.simulator.http.UrlCodec;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request the simulator received, as it arrived: method, the raw path and query (not decoded), headers and
 * time. {@link #toString()} never shows the Authorization header's value.
 */
public final class RecordedRequest {

    private final String method;
    private final String pathAndQuery;
    private final Map<String, List<String>> headers;
    private final Instant receivedAt;
    private final boolean dataRequest;

    /**
     * A recorded request.
     *
     * @param method the HTTP method
     * @param pathAndQuery the raw path and query exactly as received
     * @param headers the request headers (names compared case-insensitively)
     * @param receivedAt when it arrived
     * @param dataRequest whether it read a user's data (see {@link #isDataRequest()})
     */
    public RecordedRequest(String method, String pathAndQuery, Map<String, List<String>> headers,
            Instant receivedAt, boolean dataRequest) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = copy;
        this.receivedAt = receivedAt;
        this.dataRequest = dataRequest;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The raw path and query exactly as received, e.g. {@code /v1.0/users?%24top=5}. */
    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** The decoded path, without the query. */
    public String path() {
        int question = pathAndQuery.indexOf('?');
        return UrlCodec.decodePath(question < 0 ? pathAndQuery : pathAndQuery.substring(0, question));
    }

    /** The raw query, or an empty string. */
    public String rawQuery() {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? "" : pathAndQuery.substring(question + 1);
    }

    /** All headers; names are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** When the request arrived. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Whether the request read a user's data: any call under {@code /v1.0/users/{id}} (the user itself, its mail,
     * calendar, contacts, settings, manager, reports), as opposed to token, user-list and group calls.
     */
    public boolean isDataRequest() {
        return dataRequest;
    }

    /** Whether a request to this raw path reads a user's data. */
    static boolean readsUserData(String decodedPath) {
        String lower = decodedPath.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("/v1.0/users/")) {
            return false;
        }
        return lower.length() > "/v1.0/users/".length();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method).append(' ').append(pathAndQuery).append(" {");
        headers.forEach((name, values) -> text.append(name).append('=')
                .append(name.equalsIgnoreCase("Authorization") ? "***" : String.join(",", values)).append("; "));
        return text.append("} at ").append(receivedAt).toString();
    }
}
