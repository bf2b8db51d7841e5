package io.github.cameloffice365.dataset;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.cameloffice365.graph.GraphRequest;
import io.github.cameloffice365.scope.DirectoryUser;

/**
 * One MGDC table: its name, its data columns in the order MGDC writes them, the Graph resource each user's rows
 * come from, the columns a date filter may apply to, and the conversions its row writer applies. Instances come
 * from {@link DatasetCatalog}; they are immutable and thread-safe.
 */
public final class Dataset {

    /** The metadata columns MGDC appends to every row; outputColumns may name them, they are always written. */
    public static final List<String> METADATA_COLUMNS = List.of("ODataType", "puser", "ptenant", "pAdditionalInfo",
            "datarow", "userrow", "pagerow", "rowinformation");

    private static final String USER_ID = "{id}";

    private final String name;
    private final List<DatasetColumn> columns;
    private final Map<String, DatasetColumn> columnsByLowerCaseName;
    private final List<DatasetColumn> dateFilterColumns;
    private final boolean requiresDateFilter;
    private final String odataType;
    private final String pathTemplate;
    private final boolean collection;
    private final boolean selectable;
    private final boolean readsMailboxes;
    private final ValueRules valueRules;

    private Dataset(Builder builder) {
        this.name = builder.name;
        this.columns = List.copyOf(builder.columns);
        this.dateFilterColumns = columns.stream().filter(DatasetColumn::isDateFilter).toList();
        this.requiresDateFilter = builder.requiresDateFilter;
        this.odataType = builder.odataType;
        this.pathTemplate = Objects.requireNonNull(builder.pathTemplate, "pathTemplate");
        this.collection = builder.collection;
        this.selectable = builder.selectable;
        this.readsMailboxes = builder.readsMailboxes;
        this.valueRules = builder.valueRules;
        Map<String, DatasetColumn> byName = new LinkedHashMap<>();
        for (DatasetColumn column : columns) {
            if (byName.put(column.name().toLowerCase(Locale.ROOT), column) != null) {
                throw new IllegalArgumentException("Table " + name + " defines the column " + column + " twice");
            }
        }
        this.columnsByLowerCaseName = Map.copyOf(byName);
        if (requiresDateFilter && dateFilterColumns.isEmpty()) {
            throw new IllegalArgumentException("Table " + name + " requires a date filter but has no date column");
        }
        if (!pathTemplate.contains(USER_ID)) {
            throw new IllegalArgumentException("The resource of table " + name + " must name the user as " + USER_ID);
        }
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** The table name, e.g. {@code BasicDataSet_v0.Message_v1}. */
    public String name() {
        return name;
    }

    /** The data columns, in the order MGDC writes them; the metadata columns are not among them. */
    public List<DatasetColumn> columns() {
        return columns;
    }

    /** The columns dateFilterColumn may name; empty when the table takes no date filter. */
    public List<DatasetColumn> dateFilterColumns() {
        return dateFilterColumns;
    }

    /** Whether MGDC extracts this table only within a date window (dateFilterColumn, startTime, endTime). */
    public boolean requiresDateFilter() {
        return requiresDateFilter;
    }

    /**
     * Whether the rows come from users' mailboxes (mail, calendar, contacts, mailbox settings), so that users without
     * a usable mailbox are skipped; false for directory tables such as User_v1, which list every user in scope.
     */
    public boolean readsMailboxes() {
        return readsMailboxes;
    }

    /**
     * Whether Graph answers each user's request with one object (mailbox settings, the user itself) rather than a
     * paged collection; such a request is read with one GET and gives one row per user.
     */
    public boolean readsSingleObject() {
        return !collection;
    }

    /** The value of the {@code ODataType} column, e.g. {@code #microsoft.graph.message}; empty if MGDC writes none. */
    public Optional<String> odataType() {
        return Optional.ofNullable(odataType);
    }

    /** The conversions from Graph values to MGDC values, by property path. */
    ValueRules valueRules() {
        return valueRules;
    }

    /**
     * The columns named by the outputColumns option, in the table's order. Names are matched without regard to
     * case and separated by commas; empty means every column. Metadata column names are accepted and ignored, because
     * the metadata columns are always written.
     *
     * @throws IllegalArgumentException naming the option, the value, the table and the accepted columns when a name
     *                                  is not a column of this table or an entry is empty
     */
    public List<DatasetColumn> resolveColumns(String outputColumns) {
        if (outputColumns == null || outputColumns.isBlank()) {
            return columns;
        }
        Set<DatasetColumn> requested = new LinkedHashSet<>();
        for (String entry : outputColumns.split(",", -1)) {
            String columnName = entry.trim();
            if (columnName.isEmpty()) {
                throw new IllegalArgumentException("Option outputColumns has the value '" + outputColumns
                        + "', which holds an empty column name; separate the column names of table " + name
                        + " with single commas. Accepted columns (any case): " + names(columns));
            }
            if (isMetadataColumn(columnName)) {
                continue;
            }
            DatasetColumn column = columnsByLowerCaseName.get(columnName.toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new IllegalArgumentException("Option outputColumns has the value '" + outputColumns
                        + "': '" + columnName + "' is not a column of table " + name + ". Accepted columns (any case): "
                        + names(columns));
            }
            requested.add(column);
        }
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("Option outputColumns has the value '" + outputColumns
                    + "', which names no data column of table " + name + ". Accepted columns (any case): "
                    + names(columns));
        }
        return columns.stream().filter(requested::contains).toList();
    }

    /**
     * The column named by the dateFilterColumn option, matched without regard to case; empty when the option is
     * empty and the table does not require a date filter.
     *
     * @throws IllegalArgumentException naming the option, the column, the table and the accepted columns when the
     *                                  column is not a date column of this table, when the table takes no date filter
     *                                  at all, or when the table requires one and none is given
     */
    public Optional<DatasetColumn> resolveDateFilterColumn(String dateFilterColumn) {
        if (dateFilterColumn == null || dateFilterColumn.isBlank()) {
            if (requiresDateFilter) {
                throw new IllegalArgumentException("Option dateFilterColumn is required for table " + name
                        + ", which is only extracted within a date window (dateFilterColumn, startTime, endTime). "
                        + "Accepted columns (any case): " + names(dateFilterColumns));
            }
            return Optional.empty();
        }
        String wanted = dateFilterColumn.trim();
        if (dateFilterColumns.isEmpty()) {
            throw new IllegalArgumentException("Option dateFilterColumn has the value '" + dateFilterColumn
                    + "', but table " + name + " takes no date filter: it has no date filter columns. "
                    + "Leave dateFilterColumn, startTime and endTime empty");
        }
        return Optional.of(dateFilterColumns.stream()
                .filter(column -> column.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Option dateFilterColumn has the value '"
                        + dateFilterColumn + "', which is not a date filter column of table " + name
                        + ". Accepted columns (any case): " + names(dateFilterColumns))));
    }

    /**
     * Validates the options of one run against this table and returns the query they describe.
     *
     * @param outputColumns    the outputColumns option (comma-separated column names), or null for every column
     * @param dateFilterColumn the dateFilterColumn option, or null
     * @param startTime        the startTime option, or null
     * @param endTime          the endTime option, or null
     * @param bodyContentType  the bodyContentType option ({@code html} or {@code text}), or null for html
     * @param pageSize         the pageSize option
     * @throws IllegalArgumentException naming the option, its value and what is accepted; a date window is never
     *                                  dropped: startTime or endTime without dateFilterColumn is an error
     */
    public DatasetQuery query(String outputColumns, String dateFilterColumn, String startTime, String endTime,
                              String bodyContentType, int pageSize) {
        List<DatasetColumn> selected = resolveColumns(outputColumns);
        Optional<DatasetColumn> filterColumn = resolveDateFilterColumn(dateFilterColumn);
        DateWindow window = null;
        if (filterColumn.isPresent()) {
            window = DateWindow.parse(startTime, endTime);
        } else if (!isBlank(startTime) || !isBlank(endTime)) {
            String option = isBlank(startTime) ? "endTime" : "startTime";
            String value = isBlank(startTime) ? endTime : startTime;
            throw new IllegalArgumentException(dateFilterColumns.isEmpty()
                    ? "Option " + option + " has the value '" + value + "', but table " + name
                    + " takes no date filter. Leave dateFilterColumn, startTime and endTime empty"
                    : "Option " + option + " has the value '" + value + "', but dateFilterColumn is empty; a date "
                    + "window applies to a column. Set dateFilterColumn to one of (any case): "
                    + names(dateFilterColumns));
        }
        return new DatasetQuery(selected, filterColumn.orElse(null), window, BodyContentType.parse(bodyContentType),
                pageSize);
    }

    /**
     * The Graph requests that read one user's rows.
     *
     * @param user         the user whose rows are read
     * @param query        the validated query of the run
     * @param graphBaseUrl the Graph root without version, e.g. {@code https://graph.microsoft.com}
     * @return the requests, each followed through its {@code @odata.nextLink}s by the Graph client
     */
    public List<GraphRequest> requests(DirectoryUser user, DatasetQuery query, String graphBaseUrl) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(graphBaseUrl, "graphBaseUrl");
        for (DatasetColumn column : query.columns()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("Column " + column + " is not a column of table " + name);
            }
        }

        StringBuilder url = new StringBuilder(stripTrailingSlashes(graphBaseUrl)).append("/v1.0")
                .append(pathTemplate.replace(USER_ID, encodePathSegment(user.id())));
        List<String> parameters = new ArrayList<>();
        if (selectable) {
            parameters.add("$select=" + selectList(query.columns()));
        }
        if (query.columns().stream().anyMatch(DatasetColumn::isExpanded)) {
            parameters.add("$expand=" + query.columns().stream().filter(DatasetColumn::isExpanded)
                    .map(DatasetColumn::graphProperty).collect(Collectors.joining(",")));
        }
        if (query.hasDateFilter()) {
            parameters.add("$filter=" + encodeQueryValue(filter(query)));
        }
        if (collection) {
            parameters.add("$top=" + query.pageSize());
        }
        if (!parameters.isEmpty()) {
            url.append('?').append(String.join("&", parameters));
        }

        Map<String, String> headers = new LinkedHashMap<>();
        boolean readsBodies = query.columns().stream().anyMatch(DatasetColumn::isBody);
        if (query.bodyContentType() == BodyContentType.TEXT && readsBodies) {
            headers.put("Prefer", "outlook.body-content-type=\"text\"");
        }
        return List.of(new GraphRequest(url.toString(), readsMailboxes ? user.id() : null, headers));
    }

    /** The Graph properties to select: those of the columns, and always the id. */
    private static String selectList(List<DatasetColumn> selected) {
        Set<String> properties = new LinkedHashSet<>();
        properties.add("id");
        for (DatasetColumn column : selected) {
            if (!column.isExpanded()) {
                properties.add(column.graphProperty());
            }
        }
        return String.join(",", properties);
    }

    private String filter(DatasetQuery query) {
        DatasetColumn column = query.dateFilterColumn();
        if (!dateFilterColumns.contains(column)) {
            throw new IllegalArgumentException("Column " + column + " is not a date filter column of table " + name);
        }
        String property = column.graphProperty();
        return property + " ge " + DateWindow.filterLiteral(query.window().start())
                + " and " + property + " lt " + DateWindow.filterLiteral(query.window().end());
    }

    private boolean isMetadataColumn(String columnName) {
        return METADATA_COLUMNS.stream().anyMatch(metadata -> metadata.equalsIgnoreCase(columnName));
    }

    private static String names(List<DatasetColumn> list) {
        return list.stream().map(DatasetColumn::name).collect(Collectors.joining(", "));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private static String encodePathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encodes a query value so that it survives URI parsing: spaces as %20, the ISO instants' colons kept. */
    private static String encodeQueryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    @Override
    public String toString() {
        return name;
    }

    /** Describes one table for {@link DatasetCatalog}. */
    static final class Builder {

        private final String name;
        private final List<DatasetColumn> columns = new ArrayList<>();
        private boolean requiresDateFilter;
        private String odataType;
        private String pathTemplate;
        private boolean collection = true;
        private boolean selectable = true;
        private boolean readsMailboxes = true;
        private ValueRules valueRules = ValueRules.NONE;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        Builder columns(List<DatasetColumn> list) {
            columns.addAll(list);
            return this;
        }

        /** The collection of each user that holds the rows, e.g. {@code /users/{id}/messages}. */
        Builder userCollection(String template) {
            this.pathTemplate = template;
            this.collection = true;
            return this;
        }

        /** The one object of each user that becomes its row, e.g. {@code /users/{id}/mailboxSettings}. */
        Builder userObject(String template, boolean supportsSelect) {
            this.pathTemplate = template;
            this.collection = false;
            this.selectable = supportsSelect;
            return this;
        }

        Builder requiresDateFilter() {
            this.requiresDateFilter = true;
            return this;
        }

        Builder odataType(String type) {
            this.odataType = type;
            return this;
        }

        Builder directory() {
            this.readsMailboxes = false;
            return this;
        }

        Builder valueRules(ValueRules rules) {
            this.valueRules = rules;
            return this;
        }

        Dataset build() {
            return new Dataset(this);
        }
    }
}
