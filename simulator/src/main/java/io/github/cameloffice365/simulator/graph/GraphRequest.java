package io.github.cameloffice365.simulator.graph;

import com.sun.net.httpserver.HttpExchange;
import io.github.cameloffice365.simulator.http.UrlCodec;

import java.util.Arrays;
import java.util.List;

/**
 * One Graph call as the handlers see it: the exchange, the raw and decoded path, the query options and, for a
 * call following a nextLink, the state the link resumes.
 */
final class GraphRequest {

    private final HttpExchange exchange;
    private final String rawPath;
    private final String rawQuery;
    private final List<String> segments;
    private final ODataQuery query;
    private final String baseUrl;
    private Object resumedState;

    GraphRequest(HttpExchange exchange, String baseUrl) {
        this.exchange = exchange;
        this.rawPath = exchange.getRequestURI().getRawPath();
        this.rawQuery = exchange.getRequestURI().getRawQuery();
        String decoded = UrlCodec.decodePath(rawPath);
        String relative = decoded.substring("/v1.0".length());
        while (relative.endsWith("/") && relative.length() > 1) {
            relative = relative.substring(0, relative.length() - 1);
        }
        this.segments = relative.length() <= 1 ? List.of() : Arrays.asList(relative.substring(1).split("/", -1));
        this.query = ODataQuery.parse(rawQuery);
        this.baseUrl = baseUrl;
    }

    HttpExchange exchange() {
        return exchange;
    }

    /** The raw path, e.g. {@code /v1.0/users/alice%40contoso.test/messages}. */
    String rawPath() {
        return rawPath;
    }

    /** The raw query, or an empty string. */
    String rawQuery() {
        return rawQuery == null ? "" : rawQuery;
    }

    /** The raw path and query as received. */
    String rawPathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    /** The decoded segments after {@code /v1.0}. */
    List<String> segments() {
        return segments;
    }

    /** The decoded path. */
    String path() {
        return "/v1.0/" + String.join("/", segments);
    }

    ODataQuery query() {
        return query;
    }

    /** The simulator's base URL (scheme, host, port). */
    String baseUrl() {
        return baseUrl;
    }

    /** The first part of {@code @odata.context}: {@code <base>/v1.0/$metadata#}. */
    String metadataUrl() {
        return baseUrl + "/v1.0/$metadata#";
    }

    /** The state resumed from a nextLink, or {@code null} for a first page. */
    Object resumedState() {
        return resumedState;
    }

    void resumedState(Object state) {
        this.resumedState = state;
    }
}
