package io.github.cameloffice365.dataset;

import java.util.Objects;

/**
 * One data column of an MGDC table: its name as MGDC writes it, the Microsoft Graph property it comes from, and how
 * the catalogue treats it when it builds requests and rows.
 */
public final class DatasetColumn {

    private final String name;
    private final String graphProperty;
    private final boolean dateFilter;
    private final boolean expanded;
    private final boolean omittedWhenAbsent;
    private final boolean body;

    private DatasetColumn(String name, String graphProperty, boolean dateFilter, boolean expanded,
                          boolean omittedWhenAbsent, boolean body) {
        this.name = Objects.requireNonNull(name, "name");
        this.graphProperty = Objects.requireNonNull(graphProperty, "graphProperty");
        this.dateFilter = dateFilter;
        this.expanded = expanded;
        this.omittedWhenAbsent = omittedWhenAbsent;
        this.body = body;
    }

    /** A column read as the Graph property of the same name. */
    static DatasetColumn of(String name) {
        return new DatasetColumn(name, name, false, false, false, false);
    }

    /** A copy of this column that can be named in dateFilterColumn. */
    DatasetColumn asDateFilter() {
        return new DatasetColumn(name, graphProperty, true, expanded, omittedWhenAbsent, body);
    }

    /** A copy of this column that is a relationship Graph returns only with {@code $expand}. */
    DatasetColumn asExpanded() {
        return new DatasetColumn(name, graphProperty, dateFilter, true, omittedWhenAbsent, body);
    }

    /** A copy of this column whose key MGDC leaves out of the row when Graph leaves the property out. */
    DatasetColumn asOmittedWhenAbsent() {
        return new DatasetColumn(name, graphProperty, dateFilter, expanded, true, body);
    }

    /** A copy of this column that holds an item body, whose content type the request may choose. */
    DatasetColumn asBody() {
        return new DatasetColumn(name, graphProperty, dateFilter, expanded, omittedWhenAbsent, true);
    }

    /** The column name exactly as MGDC writes it in a row, e.g. {@code receivedDateTime}. */
    public String name() {
        return name;
    }

    /** The Microsoft Graph v1.0 property the column is read from. */
    public String graphProperty() {
        return graphProperty;
    }

    /** Whether dateFilterColumn may name this column. */
    public boolean isDateFilter() {
        return dateFilter;
    }

    /** Whether Graph returns this column only through {@code $expand} (a relationship such as attachments). */
    public boolean isExpanded() {
        return expanded;
    }

    /**
     * Whether the row leaves this key out when Graph leaves the property out, as MGDC does for the internet message
     * headers of a message that has none. Every other column is written as {@code null} when Graph omits it.
     */
    public boolean isOmittedWhenAbsent() {
        return omittedWhenAbsent;
    }

    /** Whether this column holds an item body ({@code {contentType, content}}). */
    public boolean isBody() {
        return body;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetColumn column
                && name.equals(column.name)
                && graphProperty.equals(column.graphProperty)
                && dateFilter == column.dateFilter
                && expanded == column.expanded
                && omittedWhenAbsent == column.omittedWhenAbsent
                && body == column.body;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, graphProperty);
    }

    @Override
    public String toString() {
        return name;
    }
}
