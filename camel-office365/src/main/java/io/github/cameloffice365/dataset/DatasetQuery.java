package io.github.cameloffice365.dataset;

import java.util.List;
import java.util.Objects;

/**
 * What one run asks of a table, validated: the columns to write, the date filter, the body content type and the
 * page size. Build it with {@link Dataset#query} from the endpoint options, or directly from values that are already
 * checked.
 *
 * @param columns          the data columns to write, in the table's order, never empty
 * @param dateFilterColumn the column the window applies to, or null when the run has no date filter
 * @param window           the date window in UTC, or null when the run has no date filter
 * @param bodyContentType  the content type Graph returns bodies in
 * @param pageSize         the number of items asked of Graph per page ({@code $top}), 1 to 999
 */
public record DatasetQuery(
        List<DatasetColumn> columns,
        DatasetColumn dateFilterColumn,
        DateWindow window,
        BodyContentType bodyContentType,
        int pageSize) {

    /** The largest page Graph returns for every collection the catalogue reads. */
    public static final int MAX_PAGE_SIZE = 999;

    public DatasetQuery {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A query needs at least one column");
        }
        if ((dateFilterColumn == null) != (window == null)) {
            throw new IllegalArgumentException("A date filter needs both a column and a window");
        }
        if (dateFilterColumn != null && !dateFilterColumn.isDateFilter()) {
            throw new IllegalArgumentException("Column " + dateFilterColumn + " is not a date filter column");
        }
        Objects.requireNonNull(bodyContentType, "bodyContentType");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Option pageSize has the value " + pageSize + "; accepted: 1 to "
                    + MAX_PAGE_SIZE);
        }
    }

    /** Whether the run reads only the items inside a date window. */
    public boolean hasDateFilter() {
        return window != null;
    }
}
