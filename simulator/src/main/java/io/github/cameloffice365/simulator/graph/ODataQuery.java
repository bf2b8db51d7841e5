package io.github.cameloffice365.simulator.graph;

import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.UrlCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded query options of one request ({@code $select}, {@code $top}, {@code $filter}, {@code $expand},
 * {@code $orderby}, {@code $skiptoken} and plain parameters such as {@code startDateTime}); names are matched
 * case-insensitively.
 */
final class ODataQuery {

    /** The paging token parameter. */
    static final String SKIP_TOKEN = "$skiptoken";

    private final List<Map.Entry<String, String>> parameters;

    private ODataQuery(List<Map.Entry<String, String>> parameters) {
        this.parameters = parameters;
    }

    /** Parses a raw query (may be null). */
    static ODataQuery parse(String rawQuery) {
        return new ODataQuery(UrlCodec.parseQuery(rawQuery));
    }

    /** A parameter's decoded value. */
    Optional<String> get(String name) {
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getKey().equalsIgnoreCase(name)) {
                return Optional.of(parameter.getValue());
            }
        }
        return Optional.empty();
    }

    /** {@code $top} checked to lie in 1..max, or empty. */
    Optional<Integer> top(int max, String errorCode) {
        Optional<String> value = get("$top");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int top;
        try {
            top = Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw GraphException.badRequest("BadRequest", "Invalid $top value '" + value.get()
                    + "': an integer is expected.");
        }
        if (top < 1 || top > max) {
            throw GraphException.badRequest(errorCode, "Invalid page size specified: '" + top
                    + "'. Must be between 1 and " + max + " inclusive.");
        }
        return Optional.of(top);
    }

    /** The {@code $select} names, trimmed, or {@code null} without {@code $select}. */
    List<String> select() {
        Optional<String> value = get("$select");
        if (value.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : value.get().split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    /** Whether {@code $expand} names this navigation property. */
    boolean expands(String navigationProperty) {
        return get("$expand").map(value -> {
            for (String item : value.split(",")) {
                String name = item.trim();
                int options = name.indexOf('(');
                if ((options < 0 ? name : name.substring(0, options)).equalsIgnoreCase(navigationProperty)) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /** The {@code $expand} value, if any. */
    Optional<String> expand() {
        return get("$expand");
    }

    /** The decoded {@code $skiptoken}, if any. */
    Optional<String> skipToken() {
        return get(SKIP_TOKEN);
    }
}
