package io.github.cameloffice365.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A titled table of text cells with notes under it, printed with aligned columns. */
final class Table {

    private static final int NOTE_WIDTH = 118;
    private static final String NOTE_FIRST_INDENT = "  ";
    private static final String NOTE_NEXT_INDENT = "    ";

    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("A row of '" + title + "' needs " + headers.size() + " cells, got "
                    + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    Table note(String text) {
        notes.add(text);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println();
        out.println(title);
        out.println("=".repeat(title.length()));
        printRow(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        rows.forEach(row -> printRow(out, row, widths));
        notes.forEach(note -> printNote(out, note));
    }

    /** A note, wrapped at word boundaries near 120 columns, its later lines indented under its first. */
    private static void printNote(PrintStream out, String note) {
        StringBuilder line = new StringBuilder(NOTE_FIRST_INDENT);
        boolean lineHasWords = false;
        for (String word : note.split(" ")) {
            if (lineHasWords && line.length() + 1 + word.length() > NOTE_WIDTH) {
                out.println(line);
                line = new StringBuilder(NOTE_NEXT_INDENT);
                lineHasWords = false;
            }
            if (lineHasWords) {
                line.append(' ');
            }
            line.append(word);
            lineHasWords = true;
        }
        out.println(line);
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            line.append(i == 0 ? "" : " | ");
            // the first column is a label, the others are numbers
            line.append(i == 0 ? pad(cell, widths[i]) : " ".repeat(widths[i] - cell.length()) + cell);
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    /** A number with a fixed count of decimals, e.g. {@code 1.25}. */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A count with thousands separators, e.g. {@code 12,400}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A value rounded for the JSON file. */
    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
