package io.github.cameloffice365.graph;

import java.nio.charset.StandardCharsets;

/**
 * Builds a Graph URL from a base URL, path parts and query parameters, encoding each part the way Graph reads it:
 * spaces as {@code %20} (never {@code +}), single quotes, commas, colons and {@code $} kept, and {@code +}, {@code &},
 * {@code =}, {@code #} and non-ASCII characters percent-encoded.
 *
 * <pre>{@code
 * GraphUrl.of("https://graph.microsoft.com").path("v1.0/users").segment("alice@contoso.test").path("messages")
 *         .query("$select", "id,subject").query("$filter", "receivedDateTime ge 2024-03-01T00:00:00Z")
 *         .build();
 * // https://graph.microsoft.com/v1.0/users/alice@contoso.test/messages?$select=id,subject
 * //     &$filter=receivedDateTime%20ge%202024-03-01T00:00:00Z
 * }</pre>
 *
 * Never use it on an {@code @odata.nextLink}: a nextLink is already a URL and is sent exactly as Graph wrote it.
 */
public final class GraphUrl {

    /** Besides the unreserved characters: what a path segment keeps as it is (RFC 3986 pchar, minus {@code &+}). */
    private static final String PATH_SAFE = "@:!$'()*,;=";
    /** Besides the unreserved characters: what a query name or value keeps as it is. */
    private static final String QUERY_SAFE = "$'(),:@/!*;?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder url;
    private boolean hasQuery;

    private GraphUrl(String baseUrl) {
        this.url = new StringBuilder(GraphClientSettings.normalizeBaseUrl(baseUrl));
    }

    /** Starts a URL at a Graph base URL such as {@code https://graph.microsoft.com}. */
    public static GraphUrl of(String graphBaseUrl) {
        return new GraphUrl(graphBaseUrl);
    }

    /**
     * Appends a fixed path such as {@code v1.0/users} or {@code mailFolders/sentitems/messages}, as it is. Use
     * {@link #segment(String)} for values (ids, user principal names).
     */
    public GraphUrl path(String fixedPath) {
        requireNoQueryYet();
        for (int i = 0; i < fixedPath.length(); i++) {
            char c = fixedPath.charAt(i);
            if (c != '/' && !isUnreserved(c) && PATH_SAFE.indexOf(c) < 0) {
                throw new IllegalArgumentException("fixed path '" + fixedPath + "' holds '" + c
                        + "'; pass values through segment(), which encodes them");
            }
        }
        String trimmed = strip(fixedPath);
        if (!trimmed.isEmpty()) {
            url.append('/').append(trimmed);
        }
        return this;
    }

    /** Appends one path segment, e.g. a user id or user principal name, percent-encoded. */
    public GraphUrl segment(String value) {
        requireNoQueryYet();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path segment must not be empty");
        }
        url.append('/').append(encode(value, PATH_SAFE));
        return this;
    }

    /** Appends a query parameter; both name and value are percent-encoded where needed. */
    public GraphUrl query(String name, String value) {
        url.append(hasQuery ? '&' : '?').append(encode(name, QUERY_SAFE)).append('=').append(encode(value, QUERY_SAFE));
        hasQuery = true;
        return this;
    }

    /** The URL as a string. */
    public String build() {
        return url.toString();
    }

    @Override
    public String toString() {
        return build();
    }

    /** Percent-encodes a path segment the way {@link #segment(String)} does. */
    public static String encodePathSegment(String value) {
        return encode(value, PATH_SAFE);
    }

    /** Percent-encodes a query value the way {@link #query(String, String)} does. */
    public static String encodeQueryValue(String value) {
        return encode(value, QUERY_SAFE);
    }

    private void requireNoQueryYet() {
        if (hasQuery) {
            throw new IllegalStateException("path parts must come before the query parameters");
        }
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static String encode(String value, String safe) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (b >= 0 && (isUnreserved(c) || safe.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
