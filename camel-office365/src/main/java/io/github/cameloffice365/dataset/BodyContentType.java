package io.github.cameloffice365.dataset;

import java.util.Locale;

/** The content type in which Graph returns message and event bodies. */
public enum BodyContentType {

    /** HTML, Graph's default and what MGDC writes. */
    HTML,
    /** Plain text, asked of Graph with {@code Prefer: outlook.body-content-type="text"}. */
    TEXT;

    /**
     * Reads the bodyContentType option: {@code html} or {@code text} in any case; empty means html.
     *
     * @throws IllegalArgumentException naming the option, the value and the accepted values
     */
    public static BodyContentType parse(String value) {
        if (value == null || value.isBlank()) {
            return HTML;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "html" -> HTML;
            case "text" -> TEXT;
            default -> throw new IllegalArgumentException("Option bodyContentType has the value '" + value
                    + "'; accepted: html, text");
        };
    }
}
