package io.github.cameloffice365.graph;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One GET for the Graph client.
 *
 * @param url     the absolute URL, sent exactly as given (build it with {@link GraphUrl}; a nextLink is used as Graph
 *                wrote it)
 * @param mailbox the key that throttling is counted under: the user id or user principal name of the mailbox the
 *                request reads, or null for directory requests (users, groups); it also names the user in errors
 * @param headers extra request headers, e.g. {@code Prefer: outlook.body-content-type="text"}; they are sent with
 *                every page of a paged request
 */
public record GraphRequest(String url, String mailbox, Map<String, String> headers) {

    /** Headers the client sets itself, or the HTTP client refuses to let a caller set. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "user-agent", "accept",
            "client-request-id", "host", "connection", "content-length", "expect", "upgrade");

    public GraphRequest {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: " + url, e);
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("a Graph request needs an absolute URL with a host, was: " + url);
        }
        if (mailbox != null && mailbox.isBlank()) {
            mailbox = null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                Objects.requireNonNull(name, "header name");
                Objects.requireNonNull(value, () -> "value of header " + name);
                if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("header " + name + " is set by the Graph client itself");
                }
                copy.put(name, value);
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A request for directory data (users, groups), counted under no mailbox. */
    public static GraphRequest directory(String url) {
        return new GraphRequest(url, null, Map.of());
    }

    /** A request that reads the given mailbox (user id or user principal name). */
    public static GraphRequest forMailbox(String url, String mailbox) {
        return new GraphRequest(url, Objects.requireNonNull(mailbox, "mailbox"), Map.of());
    }

    /** This request with one more header (replacing a header of the same name). */
    public GraphRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GraphRequest(url, mailbox, more);
    }

    /** The same request for another URL, e.g. the next page: same mailbox, same headers. */
    public GraphRequest withUrl(String nextUrl) {
        return new GraphRequest(nextUrl, mailbox, headers);
    }
}
