package io.github.cameloffice365.dataset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The conversions of one entity type, as a tree of property names: {@code attendees.status.response} holds the
 * rule for the response inside the status of every attendee. Collections are transparent, so a path names the
 * properties only and the rule applies to each element of a collection on the way. The writer walks this tree side
 * by side with the Graph item, so that a value is looked up by one map access per level, never by building paths.
 */
final class ValueRules {

    static final ValueRules NONE = new Builder().build();

    private final Map<String, ValueRules> children;
    private final ValueRule rule;

    private ValueRules(Map<String, ValueRules> children, ValueRule rule) {
        this.children = children;
        this.rule = rule;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The rules below the property of this name, or null when nothing below it is converted. */
    ValueRules child(String propertyName) {
        return children.get(propertyName);
    }

    /** The rule for a string value at this place, or null when it is written as Graph sent it. */
    ValueRule rule() {
        return rule;
    }

    /** Every rule by its dotted path, for documentation and tests. */
    Map<String, ValueRule> byPath() {
        Map<String, ValueRule> paths = new LinkedHashMap<>();
        collect("", paths);
        return paths;
    }

    private void collect(String prefix, Map<String, ValueRule> paths) {
        if (rule != null) {
            paths.put(prefix, rule);
        }
        children.forEach((name, node) -> node.collect(prefix.isEmpty() ? name : prefix + "." + name, paths));
    }

    /** Collects the rules of one entity type by dotted path. */
    static final class Builder {

        private final Map<String, ValueRule> rules = new LinkedHashMap<>();

        Builder timestamps(String... paths) {
            return put(ValueRule.timestamp(), paths);
        }

        Builder dates(String... paths) {
            return put(ValueRule.date(), paths);
        }

        Builder timesOfDay(String... paths) {
            return put(ValueRule.timeOfDay(), paths);
        }

        Builder enumeration(String enumType, String... paths) {
            return put(ValueRule.enumeration(enumType), paths);
        }

        private Builder put(ValueRule rule, String... paths) {
            for (String path : paths) {
                ValueRule previous = rules.put(Objects.requireNonNull(path, "path"), rule);
                if (previous != null) {
                    throw new IllegalArgumentException("Two rules for the path " + path + ": " + previous + " and "
                            + rule);
                }
            }
            return this;
        }

        ValueRules build() {
            MutableNode root = new MutableNode();
            rules.forEach((path, rule) -> {
                MutableNode node = root;
                for (String name : path.split("\\.")) {
                    node = node.children.computeIfAbsent(name, n -> new MutableNode());
                }
                node.rule = rule;
            });
            return root.freeze();
        }
    }

    private static final class MutableNode {

        private final Map<String, MutableNode> children = new LinkedHashMap<>();
        private ValueRule rule;

        ValueRules freeze() {
            Map<String, ValueRules> frozen = new HashMap<>();
            children.forEach((name, node) -> frozen.put(name, node.freeze()));
            return new ValueRules(Map.copyOf(frozen), rule);
        }
    }
}
