package io.github.cameloffice365.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of Microsoft's samples with the Graph resource it was extracted from.
 *
 * @param table         the table name
 * @param line          the 1-based line of the row in its sample file
 * @param userId        the user (mailbox) the row was extracted from: its {@code puser}
 * @param graphResource the Graph v1.0 resource the row was written from
 * @param expectedRow   the row as Microsoft's sample has it
 * @param expectedLine  the row's line exactly as in the sample file
 */
public record SampleRow(String table, int line, String userId, ObjectNode graphResource, ObjectNode expectedRow,
                        String expectedLine) {

    /** The row counters, which depend on how a run pages and counts, not on the data. */
    public static final java.util.List<String> ROW_COUNTERS = java.util.List.of("datarow", "userrow", "pagerow");

    /** A copy of a row without its row counters, for comparing rows of different runs. */
    public static ObjectNode withoutRowCounters(ObjectNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove(ROW_COUNTERS);
        return copy;
    }

    /** The expected row without its row counters. */
    public ObjectNode expectedRowWithoutCounters() {
        return withoutRowCounters(expectedRow);
    }

    @Override
    public String toString() {
        return table + " line " + line;
    }
}
