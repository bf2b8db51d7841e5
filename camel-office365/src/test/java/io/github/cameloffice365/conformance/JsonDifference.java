package io.github.cameloffice365.conformance;

import java.util.Iterator;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The first place where two JSON values differ, said briefly, for assertion messages about large rows. */
public final class JsonDifference {

    private static final int SHOWN_CHARACTERS = 160;

    private JsonDifference() {
    }

    /** A description of the first difference (path, expected, actual), or empty when the values are equal. */
    public static Optional<String> first(JsonNode expected, JsonNode actual) {
        return first("$", expected, actual);
    }

    private static Optional<String> first(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual ? Optional.empty()
                    : Optional.of(path + ": expected " + shown(expected) + " but was " + shown(actual));
        }
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!actual.has(name)) {
                    return Optional.of(path + "." + name + ": expected " + shown(expected.get(name))
                            + " but the key is missing");
                }
                Optional<String> inner = first(path + "." + name, expected.get(name), actual.get(name));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    return Optional.of(path + "." + name + ": unexpected key with " + shown(actual.get(name)));
                }
            }
            return Optional.empty();
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return Optional.of(path + ": expected " + expected.size() + " elements but was " + actual.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> inner = first(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        return expected.equals(actual) ? Optional.empty()
                : Optional.of(path + ": expected " + shown(expected) + " but was " + shown(actual));
    }

    private static String shown(JsonNode value) {
        String text = String.valueOf(value);
        if (text.length() <= SHOWN_CHARACTERS) {
            return text;
        }
        return text.substring(0, SHOWN_CHARACTERS) + "... (" + text.length() + " chars)";
    }
}
