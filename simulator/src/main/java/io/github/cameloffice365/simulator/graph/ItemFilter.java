package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates {@code $filter} on Outlook items: DateTimeOffset properties compared with unquoted instants
 * ({@code ge}, {@code gt}, {@code le}, {@code lt}, {@code eq}, {@code ne}), other properties with {@code eq} and
 * {@code ne} against strings, booleans and null, joined by {@code and} and {@code or}.
 */
final class ItemFilter {

    private static final Map<String, String> OPERATOR_NAMES = Map.of("eq", "Equal", "ne", "NotEqual", "gt",
            "GreaterThan", "ge", "GreaterThanOrEqual", "lt", "LessThan", "le", "LessThanOrEqual");

    private ItemFilter() {
    }

    /** The predicate for a decoded {@code $filter} value on items of this type. */
    static Predicate<ObjectNode> compile(String filter, OutlookItemType type) {
        return compile(FilterParser.parse(filter), type);
    }

    /** The property of the first comparison of the filter (for the {@code $orderby} rule). */
    static String firstProperty(String filter, OutlookItemType type) {
        FilterExpression expression = FilterParser.parse(filter);
        while (true) {
            if (expression instanceof FilterExpression.And and) {
                expression = and.left();
            } else if (expression instanceof FilterExpression.Or or) {
                expression = or.left();
            } else if (expression instanceof FilterExpression.Comparison comparison) {
                return type.canonical(comparison.property()).orElse(comparison.property());
            } else {
                return "";
            }
        }
    }

    private static Predicate<ObjectNode> compile(FilterExpression expression, OutlookItemType type) {
        if (expression instanceof FilterExpression.And and) {
            Predicate<ObjectNode> left = compile(and.left(), type);
            Predicate<ObjectNode> right = compile(and.right(), type);
            return item -> left.test(item) && right.test(item);
        }
        if (expression instanceof FilterExpression.Or or) {
            Predicate<ObjectNode> left = compile(or.left(), type);
            Predicate<ObjectNode> right = compile(or.right(), type);
            return item -> left.test(item) || right.test(item);
        }
        if (expression instanceof FilterExpression.Comparison comparison) {
            String property = property(comparison.property(), type);
            String operator = comparison.operator();
            if (!OPERATOR_NAMES.containsKey(operator)) {
                throw FilterParser.syntaxError("unknown operator '" + operator + "'");
            }
            return OutlookItemType.isDateTime(property)
                    ? dateComparison(property, operator, comparison.literal())
                    : equality(property, operator, comparison.literal());
        }
        if (expression instanceof FilterExpression.StartsWith startsWith) {
            String property = property(startsWith.property(), type);
            String prefix = startsWith.prefix().value();
            return item -> item.path(property).asText("").startsWith(prefix);
        }
        throw GraphException.badRequest("ErrorInvalidUrlQueryFilter",
                "The query filter contains one or more invalid nodes.");
    }

    private static Predicate<ObjectNode> dateComparison(String property, String operator,
            FilterExpression.Literal literal) {
        if (literal.kind() == FilterExpression.Literal.Kind.STRING) {
            throw GraphException.badRequest("BadRequest", "A binary operator with incompatible types was detected. "
                    + "Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind '"
                    + OPERATOR_NAMES.get(operator) + "'.");
        }
        Instant bound = instant(literal.text());
        return item -> {
            Instant value = instantOf(item.get(property));
            if (value == null) {
                return operator.equals("ne");
            }
            int order = value.compareTo(bound);
            return switch (operator) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "ge" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        };
    }

    private static Predicate<ObjectNode> equality(String property, String operator, FilterExpression.Literal literal) {
        if (!operator.equals("eq") && !operator.equals("ne")) {
            throw GraphException.badRequest("ErrorInvalidUrlQueryFilter", "The operator '" + operator
                    + "' is not supported on the property '" + property + "'.");
        }
        boolean equal = operator.equals("eq");
        return item -> matchesLiteral(item.get(property), literal) == equal;
    }

    private static boolean matchesLiteral(JsonNode value, FilterExpression.Literal literal) {
        return switch (literal.kind()) {
            case NULL -> value == null || value.isNull();
            case BOOLEAN -> value != null && value.isBoolean() && value.asBoolean() == Boolean.parseBoolean(literal.text());
            default -> value != null && !value.isNull() && value.asText().equals(literal.value());
        };
    }

    private static String property(String name, OutlookItemType type) {
        return type.canonical(name).orElseThrow(() -> GraphException.badRequest("RequestBroker--ParseUri",
                "Could not find a property named '" + name + "' on type 'microsoft.graph." + type.typeName() + "'."));
    }

    /** Parses an OData DateTimeOffset literal, e.g. {@code 2024-03-01T00:00:00Z}. */
    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphException.badRequest("BadRequest", "The DateTimeOffset text '" + text + "' should be in "
                    + "format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.");
        }
    }

    /** The instant of a date-time property value, or {@code null}. */
    static Instant instantOf(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
