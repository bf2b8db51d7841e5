package io.github.cameloffice365.simulator.graph;

import com.sun.net.httpserver.HttpExchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} header values Outlook honours: {@code outlook.body-content-type="text"|"html"} and
 * {@code odata.maxpagesize=N}; the applied ones are echoed in {@code Preference-Applied}.
 */
record BodyPreference(String bodyContentType, int maxPageSize) {

    static BodyPreference of(HttpExchange exchange) {
        String bodyType = null;
        int maxPageSize = 0;
        List<String> values = exchange.getRequestHeaders().get("Prefer");
        for (String header : values == null ? List.<String>of() : values) {
            for (String preference : header.split(",")) {
                String[] parts = preference.trim().split("=", 2);
                if (parts.length != 2) {
                    continue;
                }
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                String value = parts[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (name.equals("outlook.body-content-type") && (value.equals("text") || value.equals("html"))) {
                    bodyType = value;
                } else if (name.equals("odata.maxpagesize")) {
                    try {
                        maxPageSize = Math.max(0, Integer.parseInt(value));
                    } catch (NumberFormatException ignored) {
                        maxPageSize = 0;
                    }
                }
            }
        }
        return new BodyPreference(bodyType, maxPageSize);
    }

    /** Whether bodies are served as text. */
    boolean text() {
        return "text".equals(bodyContentType);
    }

    /** Sets {@code Preference-Applied} for the preferences that took effect. */
    void applyTo(HttpExchange exchange, boolean maxPageSizeApplies) {
        List<String> applied = new ArrayList<>();
        if (bodyContentType != null) {
            applied.add("outlook.body-content-type=\"" + bodyContentType + "\"");
        }
        if (maxPageSize > 0 && maxPageSizeApplies) {
            applied.add("odata.maxpagesize=" + maxPageSize);
        }
        if (!applied.isEmpty()) {
            exchange.getResponseHeaders().set("Preference-Applied", String.join(", ", applied));
        }
    }
}
