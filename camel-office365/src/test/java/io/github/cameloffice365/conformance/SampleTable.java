package io.github.cameloffice365.conformance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.dataset.Dataset;
import io.github.cameloffice365.dataset.DateWindow;

/**
 * The sample rows of one table, with their Graph resources.
 *
 * @param dataset the table
 * @param rows    the rows, in the order of the sample file
 */
public record SampleTable(Dataset dataset, List<SampleRow> rows) {

    public SampleTable {
        rows = List.copyOf(rows);
    }

    /**
     * The Graph resources by the user they belong to, users and resources in sample order. For a collection table
     * (messages, events, contacts) these are the items of the user's collection; for mailbox settings and users, the
     * one object of each user.
     */
    public Map<String, List<ObjectNode>> resourcesByUser() {
        Map<String, List<ObjectNode>> byUser = new LinkedHashMap<>();
        for (SampleRow row : rows) {
            byUser.computeIfAbsent(row.userId(), id -> new java.util.ArrayList<>()).add(row.graphResource().deepCopy());
        }
        byUser.replaceAll((id, resources) -> List.copyOf(resources));
        return byUser;
    }

    /** The expected rows, as Microsoft's samples have them. */
    public List<ObjectNode> expectedRows() {
        return rows.stream().map(row -> row.expectedRow().deepCopy()).toList();
    }

    /** The expected rows without their row counters. */
    public List<ObjectNode> expectedRowsWithoutCounters() {
        return rows.stream().map(SampleRow::expectedRowWithoutCounters).toList();
    }

    /**
     * The smallest window of whole seconds that holds every row's value of a date column, for a run that must have a
     * date filter; empty when no row has a value in that column.
     */
    public Optional<DateWindow> windowOf(String column) {
        Instant first = null;
        Instant last = null;
        for (SampleRow row : rows) {
            JsonNode value = row.expectedRow().get(column);
            if (value != null && value.isTextual()) {
                Instant instant = Instant.parse(value.textValue());
                first = first == null || instant.isBefore(first) ? instant : first;
                last = last == null || instant.isAfter(last) ? instant : last;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new DateWindow(first, last.plusSeconds(1)));
    }
}
