package io.github.cameloffice365.simulator.graph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML body into text as Outlook does for {@code Prefer: outlook.body-content-type="text"}: no head,
 * styles or scripts, line breaks for block ends, tags removed, entities decoded.
 */
final class HtmlToText {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6])\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");
    private static final Pattern BLANK_LINES = Pattern.compile("(\r\n){3,}");

    private HtmlToText() {
    }

    static String convert(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = LINE_BREAK.matcher(text).replaceAll("\r\n");
        text = TAG.matcher(text).replaceAll("");
        text = decodeNumericEntities(text);
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
        return BLANK_LINES.matcher(text).replaceAll("\r\n\r\n").strip();
    }

    private static String decodeNumericEntities(String text) {
        Matcher matcher = NUMERIC_ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (matcher.find()) {
            int codePoint;
            try {
                codePoint = Integer.parseInt(matcher.group(2), matcher.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                codePoint = -1;
            }
            String replacement = Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint))
                    : matcher.group();
            matcher.appendReplacement(decoded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(decoded);
        return decoded.toString();
    }
}
