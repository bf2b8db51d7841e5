package io.github.cameloffice365.simulator.graph;

import io.github.cameloffice365.simulator.http.GraphException;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cursors behind the {@code @odata.nextLink}s the server issued. A link carries an opaque, percent-encoded
 * {@code $skiptoken} (a lower-case {@code %3a} inside); the server keeps where the next page starts. A request
 * carrying a token must repeat the issued link byte for byte, or it is refused with 400.
 */
final class PageCursors {

    private static final int MAX_CURSORS = 50_000;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_CURSORS;
        }
    };

    /** An issued link and the state of the page it leads to. */
    record Cursor(String issuedPathAndQuery, Object state) {
    }

    /**
     * Issues the next link for a request: its raw path, its raw query without any earlier token, and a new token.
     *
     * @return the absolute link
     */
    String issue(String baseUrl, String rawPath, String rawQuery, Object state) {
        String first = randomText(24);
        String second = randomText(16);
        String rawToken = first + "%3a" + second;
        String query = withoutSkipToken(rawQuery);
        String pathAndQuery = rawPath + "?" + (query.isEmpty() ? "" : query + "&") + "$skiptoken=" + rawToken;
        synchronized (cursors) {
            cursors.put(first + ":" + second, new Cursor(pathAndQuery, state));
        }
        return baseUrl + pathAndQuery;
    }

    /**
     * The state a request resumes, or {@code null} when it carries no token.
     *
     * @throws GraphException 400 when the token is unknown or the request differs from the issued link
     */
    Object resume(String rawPathAndQuery, ODataQuery query, String invalidTokenCode) {
        String token = query.skipToken().orElse(null);
        if (token == null) {
            return null;
        }
        Cursor cursor;
        synchronized (cursors) {
            cursor = cursors.get(token);
        }
        if (cursor == null) {
            throw GraphException.badRequest(invalidTokenCode,
                    "The specified page token value has expired or is not valid: it was not issued by this service.");
        }
        if (!cursor.issuedPathAndQuery().equals(rawPathAndQuery)) {
            throw GraphException.badRequest("BadRequest", "The request URL is not the @odata.nextLink the service "
                    + "issued: follow the link byte for byte. Expected '" + cursor.issuedPathAndQuery() + "', got '"
                    + rawPathAndQuery + "'.");
        }
        return cursor.state();
    }

    /** Forgets every cursor. */
    void clear() {
        synchronized (cursors) {
            cursors.clear();
        }
    }

    private static String withoutSkipToken(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (name.equalsIgnoreCase("$skiptoken") || name.equalsIgnoreCase("%24skiptoken") || pair.isEmpty()) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    private String randomText(int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(text);
    }
}
