package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Evaluates {@code $filter} on users as Graph does without advanced queries: {@code eq} and {@code startswith} on
 * the filterable properties (names case-insensitive, text compared case-insensitively), joined by {@code and} and
 * {@code or}. Anything else is 400 {@code Request_UnsupportedQuery} naming the property.
 */
final class UserFilter {

    private UserFilter() {
    }

    /** The predicate for a decoded {@code $filter} value. */
    static Predicate<ObjectNode> compile(String filter) {
        return compile(FilterParser.parse(filter));
    }

    private static Predicate<ObjectNode> compile(FilterExpression expression) {
        if (expression instanceof FilterExpression.And and) {
            Predicate<ObjectNode> left = compile(and.left());
            Predicate<ObjectNode> right = compile(and.right());
            return user -> left.test(user) && right.test(user);
        }
        if (expression instanceof FilterExpression.Or or) {
            Predicate<ObjectNode> left = compile(or.left());
            Predicate<ObjectNode> right = compile(or.right());
            return user -> left.test(user) || right.test(user);
        }
        if (expression instanceof FilterExpression.StartsWith startsWith) {
            String property = supported(startsWith.property(), "startswith");
            String prefix = text(startsWith.prefix(), property).toLowerCase(Locale.ROOT);
            return user -> valueOf(user, property).toLowerCase(Locale.ROOT).startsWith(prefix);
        }
        if (expression instanceof FilterExpression.Comparison comparison) {
            String property = supported(comparison.property(), comparison.operator());
            if (UserProperties.isBoolean(property)) {
                boolean expected = bool(comparison.literal(), property);
                return user -> user.path(property).isBoolean() && user.get(property).asBoolean() == expected;
            }
            String expected = text(comparison.literal(), property);
            return user -> valueOf(user, property).equalsIgnoreCase(expected);
        }
        FilterExpression.Unsupported unsupported = (FilterExpression.Unsupported) expression;
        throw unsupported(unsupported.property());
    }

    private static String supported(String property, String operator) {
        if (!UserProperties.supportsFilter(property, operator)) {
            throw unsupported(property);
        }
        return UserProperties.canonical(property).orElse(property);
    }

    private static String text(FilterExpression.Literal literal, String property) {
        if (literal.kind() != FilterExpression.Literal.Kind.STRING) {
            throw FilterParser.syntaxError("the value of '" + property + "' must be a quoted string, got "
                    + literal.text());
        }
        return literal.value();
    }

    private static boolean bool(FilterExpression.Literal literal, String property) {
        if (literal.kind() != FilterExpression.Literal.Kind.BOOLEAN) {
            throw FilterParser.syntaxError("the value of '" + property + "' must be true or false, got "
                    + literal.text());
        }
        return Boolean.parseBoolean(literal.value());
    }

    private static String valueOf(ObjectNode user, String property) {
        JsonNode value = user.get(property);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static GraphException unsupported(String property) {
        return GraphException.badRequest("Request_UnsupportedQuery",
                "Unsupported or invalid query filter clause specified for property '" + property
                        + "' of resource 'User'.");
    }
}
