package io.github.cameloffice365.simulator.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding of paths and queries as Graph reads them.
 */
public final class UrlCodec {

    private UrlCodec() {
    }

    /** Decodes percent escapes; {@code +} stays a plus (paths). */
    public static String decodePath(String raw) {
        return decode(raw, false);
    }

    /** Decodes a query component: percent escapes, and {@code +} as a space. */
    public static String decodeQueryComponent(String raw) {
        return decode(raw, true);
    }

    /** The query's parameters in order, names and values decoded; a missing or empty query gives none. */
    public static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(decodeQueryComponent(name), decodeQueryComponent(value)));
        }
        return parameters;
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    encoded = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String raw, int index) {
        return index < raw.length() && Character.digit(raw.charAt(index), 16) >= 0;
    }
}
