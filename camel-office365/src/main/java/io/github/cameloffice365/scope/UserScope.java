package io.github.cameloffice365.scope;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.cameloffice365.graph.GraphClientSettings;

/**
 * Which users a run reads: the whole organisation, the transitive members of up to 10 groups, or the users a
 * {@code /v1.0/users?$filter=} query selects. Build it from the endpoint options with
 * {@link #parse(String, String, String)}, which rejects what cannot work before any request is made.
 */
public sealed interface UserScope permits UserScope.AllUsers, UserScope.Groups, UserScope.Filter {

    /** The most groups allowedGroups may name, as in Graph Data Connect. */
    int MAX_GROUPS = 10;

    /** The only path a userScopeFilterUri may have. */
    String USERS_PATH = "/v1.0/users";

    /** A one-line description for logs and the run context, e.g. {@code groups g1,g2}. */
    String describe();

    /** Every user of the organisation. */
    static UserScope allUsers() {
        return new AllUsers();
    }

    /**
     * The users that are members, directly or through nested groups, of any of the groups.
     *
     * @throws IllegalArgumentException naming allowedGroups when there are more than 10 distinct ids or an id is not
     *                                  a group object id
     */
    static UserScope groups(List<String> groupIds) {
        return new Groups(groupIds);
    }

    /**
     * The users a Graph users query selects, e.g.
     * {@code https://graph.microsoft.com/v1.0/users?$filter=department eq 'Finance'}. Only the {@code $filter} (and
     * {@code $count}) of the query is used, always against the configured Graph base URL.
     *
     * @throws IllegalArgumentException naming userScopeFilterUri when the path is not /v1.0/users or there is no
     *                                  $filter
     */
    static UserScope filter(String uri) {
        return Filter.parse(uri);
    }

    /**
     * Builds the scope from the endpoint options.
     *
     * @param allowedGroups      group object ids separated by commas, or null/empty
     * @param userScopeFilterUri a Graph users query, or null/empty
     * @param graphBaseUrl       the Graph base URL the endpoint uses
     * @throws IllegalArgumentException naming the option, the value and what is accepted: both options set, more
     *                                  than 10 groups, a filter URI on another host than graphBaseUrl (or Microsoft
     *                                  Graph), with another path than /v1.0/users, or without $filter
     */
    static UserScope parse(String allowedGroups, String userScopeFilterUri, String graphBaseUrl) {
        boolean hasGroups = allowedGroups != null && !allowedGroups.isBlank();
        boolean hasFilter = userScopeFilterUri != null && !userScopeFilterUri.isBlank();
        if (hasGroups && hasFilter) {
            throw new IllegalArgumentException("allowedGroups ('" + allowedGroups + "') and userScopeFilterUri ('"
                    + userScopeFilterUri + "') are both set; set at most one of them: allowedGroups to extract the"
                    + " members of up to " + MAX_GROUPS + " groups, or userScopeFilterUri to extract the users a"
                    + " /v1.0/users?$filter= query selects");
        }
        if (hasGroups) {
            return groups(List.of(allowedGroups.split(",", -1)));
        }
        if (hasFilter) {
            Filter filter = Filter.parse(userScopeFilterUri);
            filter.requireGraphHost(GraphClientSettings.normalizeBaseUrl(graphBaseUrl));
            return filter;
        }
        return allUsers();
    }

    /** Every user of the organisation. */
    record AllUsers() implements UserScope {
        @Override
        public String describe() {
            return "all users";
        }
    }

    /**
     * The transitive members of groups.
     *
     * @param groupIds the group object ids, distinct, in the given order
     */
    record Groups(List<String> groupIds) implements UserScope {

        private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9._-]+");

        public Groups {
            Set<String> distinct = new LinkedHashSet<>();
            for (String raw : groupIds) {
                String id = raw == null ? "" : raw.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!GROUP_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("allowedGroups: '" + id + "' is not a group object id;"
                            + " expected up to " + MAX_GROUPS + " group object ids (GUIDs such as"
                            + " 02bd9fd6-8f93-4758-87c3-1fb73740a315) separated by commas");
                }
                distinct.add(id);
            }
            if (distinct.isEmpty()) {
                throw new IllegalArgumentException("allowedGroups: no group object id given; expected up to "
                        + MAX_GROUPS + " group object ids separated by commas, or leave allowedGroups empty to"
                        + " extract all users");
            }
            if (distinct.size() > MAX_GROUPS) {
                throw new IllegalArgumentException("allowedGroups: " + distinct.size() + " groups given ("
                        + String.join(",", distinct) + "); at most " + MAX_GROUPS + " groups are accepted. Put the"
                        + " users in fewer groups, or nest the groups in one group: members of nested groups count");
            }
            groupIds = List.copyOf(distinct);
        }

        @Override
        public String describe() {
            return "groups " + String.join(",", groupIds);
        }
    }

    /**
     * The users a Graph users query selects.
     *
     * @param uri    the userScopeFilterUri as given
     * @param filter the decoded $filter expression, e.g. {@code department eq 'Finance'}
     * @param count  whether the query asks for {@code $count=true}, which Graph needs (with
     *               {@code ConsistencyLevel: eventual}) for its advanced filter operators
     */
    record Filter(String uri, String filter, boolean count) implements UserScope {

        private static final String ACCEPTED = "; expected <graphBaseUrl>/v1.0/users?$filter=<expression>, e.g."
                + " https://graph.microsoft.com/v1.0/users?$filter=department eq 'Finance'";
        private static final Set<String> IGNORED_PARAMETERS = Set.of("$select", "$top");

        public Filter {
            if (filter == null || filter.isBlank()) {
                throw new IllegalArgumentException("userScopeFilterUri: the $filter must not be empty");
            }
        }

        @Override
        public String describe() {
            return "users filter " + filter;
        }

        static Filter parse(String uri) {
            if (uri == null || uri.isBlank()) {
                throw rejected(uri, "it is empty");
            }
            String text = uri.strip();
            int queryStart = text.indexOf('?');
            if (queryStart < 0) {
                throw rejected(uri, "it has no $filter");
            }
            URI prefix;
            try {
                prefix = URI.create(text.substring(0, queryStart));
            } catch (IllegalArgumentException e) {
                throw rejected(uri, "it is not a URL");
            }
            if (prefix.getScheme() == null || prefix.getHost() == null) {
                throw rejected(uri, "it is not an absolute https URL");
            }
            if (!USERS_PATH.equals(prefix.getRawPath())) {
                throw rejected(uri, "its path is '" + prefix.getRawPath() + "', and only " + USERS_PATH + " is accepted");
            }
            String query = text.substring(queryStart + 1);
            if (query.indexOf('#') >= 0) {
                throw rejected(uri, "it has a fragment (#)");
            }
            String filter = null;
            boolean count = false;
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(uri, eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(uri, pair.substring(eq + 1));
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "$filter" -> {
                        if (filter != null) {
                            throw rejected(uri, "it has more than one $filter");
                        }
                        filter = value.strip();
                    }
                    case "$count" -> {
                        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                            throw rejected(uri, "$count is '" + value + "', and only true or false is accepted");
                        }
                        count = value.equalsIgnoreCase("true");
                    }
                    default -> {
                        if (!IGNORED_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                            throw rejected(uri, "it has the query parameter '" + name + "'; only $filter and $count"
                                    + " select users ($select and $top are ignored)");
                        }
                    }
                }
            }
            if (filter == null || filter.isEmpty()) {
                throw rejected(uri, "it has no $filter, or an empty one");
            }
            return new Filter(uri, filter, count);
        }

        /** The token only ever goes to graphBaseUrl: a filter written for another host is refused, not redirected. */
        void requireGraphHost(String graphBaseUrl) {
            URI filterUri = URI.create(uri.strip().substring(0, uri.strip().indexOf('?')));
            URI base = URI.create(graphBaseUrl);
            boolean onBase = filterUri.getScheme().equalsIgnoreCase(base.getScheme())
                    && filterUri.getHost().equalsIgnoreCase(base.getHost()) && port(filterUri) == port(base);
            boolean onMicrosoftGraph = "https".equalsIgnoreCase(filterUri.getScheme())
                    && GraphClientSettings.MICROSOFT_GRAPH_HOSTS.contains(filterUri.getHost().toLowerCase(Locale.ROOT))
                    && port(filterUri) == 443;
            if (!onBase && !onMicrosoftGraph) {
                throw rejected(uri, "its host " + filterUri.getScheme() + "://" + filterUri.getRawAuthority()
                        + " is neither graphBaseUrl (" + graphBaseUrl + ") nor Microsoft Graph");
            }
        }

        private static int port(URI uri) {
            if (uri.getPort() != -1) {
                return uri.getPort();
            }
            return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        }

        /** Decodes %XX escapes as UTF-8; a {@code +} stays a plus sign, as Graph reads it in a path query. */
        private static String decode(String uri, String text) {
            if (text.indexOf('%') < 0) {
                return text;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                            || Character.digit(text.charAt(i + 2), 16) < 0) {
                        throw rejected(uri, "it has a broken percent escape near '" + text.substring(i) + "'");
                    }
                    bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                    i += 2;
                } else {
                    byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                        encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    bytes.writeBytes(encoded);
                }
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw rejected(uri, "its percent escapes are not UTF-8");
            }
        }

        private static IllegalArgumentException rejected(String uri, String why) {
            return new IllegalArgumentException("userScopeFilterUri '" + uri + "' is not accepted: " + why + ACCEPTED);
        }
    }
}
