package io.github.cameloffice365.simulator.graph;

/**
 * The parsed form of an OData {@code $filter}: comparisons and {@code startswith} calls joined by {@code and} and
 * {@code or}.
 */
sealed interface FilterExpression {

    /** {@code property op literal}. */
    record Comparison(String property, String operator, Literal literal) implements FilterExpression {
    }

    /** {@code startswith(property, 'prefix')}. */
    record StartsWith(String property, Literal prefix) implements FilterExpression {
    }

    /** {@code left and right}. */
    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
    }

    /** {@code left or right}. */
    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
    }

    /** A property on its own, or a lambda such as {@code proxyAddresses/any(...)}, that no evaluator supports. */
    record Unsupported(String property, String text) implements FilterExpression {
    }

    /** A literal as written in the filter. */
    record Literal(Kind kind, String text) {

        /** The literal kinds the parser tells apart. */
        enum Kind {
            STRING, BOOLEAN, NULL, NUMBER, BARE
        }

        /** The value of a string literal, or the text of any other. */
        String value() {
            return text;
        }
    }
}
