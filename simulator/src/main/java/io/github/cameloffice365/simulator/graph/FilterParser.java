package io.github.cameloffice365.simulator.graph;

import io.github.cameloffice365.simulator.http.GraphException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the subset of OData {@code $filter} that Graph clients send: {@code prop op literal},
 * {@code startswith(prop,'x')}, parentheses, {@code and}, {@code or}. Literals: {@code 'quoted'} strings (with
 * {@code ''} for a quote), {@code true}, {@code false}, {@code null}, numbers and bare tokens such as an unquoted
 * {@code 2024-03-01T00:00:00Z}. A syntax error is 400 {@code BadRequest} "Invalid filter clause".
 */
final class FilterParser {

    private final List<String> tokens;
    private int position;

    private FilterParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Parses a decoded {@code $filter} value. */
    static FilterExpression parse(String filter) {
        FilterParser parser = new FilterParser(tokenize(filter));
        FilterExpression expression = parser.orExpression();
        if (parser.position != parser.tokens.size()) {
            throw syntaxError("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return expression;
    }

    private FilterExpression orExpression() {
        FilterExpression left = andExpression();
        while (nextIs("or")) {
            position++;
            left = new FilterExpression.Or(left, andExpression());
        }
        return left;
    }

    private FilterExpression andExpression() {
        FilterExpression left = primary();
        while (nextIs("and")) {
            position++;
            left = new FilterExpression.And(left, primary());
        }
        return left;
    }

    private FilterExpression primary() {
        String token = take();
        if (token.equals("(")) {
            FilterExpression inner = orExpression();
            expect(")");
            return inner;
        }
        if (token.equalsIgnoreCase("startswith") && nextIs("(")) {
            position++;
            String property = take();
            expect(",");
            FilterExpression.Literal prefix = literal(take());
            expect(")");
            return new FilterExpression.StartsWith(property, prefix);
        }
        if (isSymbol(token) || token.startsWith("'")) {
            throw syntaxError("a property was expected at '" + token + "'");
        }
        if (token.contains("/") || nextIs("(")) {
            skipParenthesised();
            return new FilterExpression.Unsupported(token.split("/")[0], token);
        }
        String operator = take();
        if (isSymbol(operator) || operator.startsWith("'")) {
            throw syntaxError("an operator was expected after '" + token + "'");
        }
        return new FilterExpression.Comparison(token, operator.toLowerCase(Locale.ROOT), literal(take()));
    }

    private void skipParenthesised() {
        if (!nextIs("(")) {
            return;
        }
        int depth = 0;
        do {
            String token = take();
            if (token.equals("(")) {
                depth++;
            } else if (token.equals(")")) {
                depth--;
            }
        } while (depth > 0);
    }

    private static FilterExpression.Literal literal(String token) {
        if (token.startsWith("'")) {
            return new FilterExpression.Literal(FilterExpression.Literal.Kind.STRING,
                    token.substring(1, token.length() - 1).replace("''", "'"));
        }
        if (isSymbol(token)) {
            throw syntaxError("a value was expected at '" + token + "'");
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return new FilterExpression.Literal(FilterExpression.Literal.Kind.BOOLEAN, lower);
        }
        if (lower.equals("null")) {
            return new FilterExpression.Literal(FilterExpression.Literal.Kind.NULL, lower);
        }
        if (token.matches("-?\\d+(\\.\\d+)?")) {
            return new FilterExpression.Literal(FilterExpression.Literal.Kind.NUMBER, token);
        }
        return new FilterExpression.Literal(FilterExpression.Literal.Kind.BARE, token);
    }

    private boolean nextIs(String expected) {
        return position < tokens.size() && tokens.get(position).equalsIgnoreCase(expected);
    }

    private String take() {
        if (position >= tokens.size()) {
            throw syntaxError("the clause ends too early");
        }
        return tokens.get(position++);
    }

    private void expect(String symbol) {
        String token = take();
        if (!token.equals(symbol)) {
            throw syntaxError("'" + symbol + "' was expected at '" + token + "'");
        }
    }

    private static boolean isSymbol(String token) {
        return token.equals("(") || token.equals(")") || token.equals(",");
    }

    private static List<String> tokenize(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = i + 1;
                while (true) {
                    if (end >= filter.length()) {
                        throw syntaxError("a quoted value is not closed");
                    }
                    if (filter.charAt(end) == '\'') {
                        if (end + 1 < filter.length() && filter.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                tokens.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && "(),'".indexOf(filter.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(filter.substring(i, end));
                i = end;
            }
        }
        if (tokens.isEmpty()) {
            throw syntaxError("the clause is empty");
        }
        return tokens;
    }

    static GraphException syntaxError(String detail) {
        return GraphException.badRequest("BadRequest", "Invalid filter clause: " + detail + ".");
    }
}
