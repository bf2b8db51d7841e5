package io.github.cameloffice365.graph;

import java.util.Map;
import java.util.Objects;

/**
 * One GET that the Graph client sends, and every {@code @odata.nextLink} after it.
 *
 * @param url     the absolute URL, query included
 * @param mailbox the mailbox the request reads (a user id), which Graph throttles on; null for directory calls
 * @param headers extra request headers, e.g. {@code Prefer}; never the authorization header
 */
public record GraphRequest(String url, String mailbox, Map<String, String> headers) {

    public GraphRequest {
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
