package io.github.cameloffice365.simulator.http;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A request path pattern such as {@code /v1.0/users/{id}/messages}: literal segments match case-insensitively,
 * a {@code {name}} segment matches any one segment, and a last segment {@code **} matches any rest. Patterns match
 * the decoded path, without the query.
 */
public final class PathPattern {

    private final String pattern;
    private final List<String> segments;

    private PathPattern(String pattern) {
        this.pattern = pattern;
        this.segments = split(pattern);
    }

    /** Parses a pattern; it must start with {@code /}. */
    public static PathPattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("A path pattern starts with '/', got '" + pattern + "'");
        }
        return new PathPattern(pattern);
    }

    /** Whether the decoded path matches. */
    public boolean matches(String path) {
        List<String> actual = split(path);
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.equals("**") && i == segments.size() - 1) {
                return true;
            }
            if (i >= actual.size()) {
                return false;
            }
            if (!isPlaceholder(expected) && !expected.equalsIgnoreCase(actual.get(i))) {
                return false;
            }
        }
        return actual.size() == segments.size();
    }

    private static boolean isPlaceholder(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
