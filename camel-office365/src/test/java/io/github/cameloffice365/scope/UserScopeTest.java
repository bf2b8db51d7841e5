package io.github.cameloffice365.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserScopeTest {

    private static final String BASE = "https://127.0.0.1:8443";

    @ParameterizedTest(name = "no options \"{0}\" means all users")
    @NullAndEmptySource
    @ValueSource(strings = { "  " })
    void shouldReadAllUsersWhenNeitherOptionIsSet(String empty) {
        assertThat(UserScope.parse(empty, empty, BASE)).isEqualTo(UserScope.allUsers());
    }

    @Test
    void shouldSplitTrimAndDeduplicateGroupIds() {
        UserScope scope = UserScope.parse(" g-fin, g-ops ,,g-fin", null, BASE);

        assertThat(scope).isEqualTo(UserScope.groups(List.of("g-fin", "g-ops")));
        assertThat(scope.describe()).isEqualTo("groups g-fin,g-ops");
    }

    @Test
    void shouldAcceptTenGroups() {
        assertThat(UserScope.parse(groupIds(10), null, BASE)).isInstanceOf(UserScope.Groups.class);
    }

    @Test
    void shouldRejectElevenGroups() {
        assertThatThrownBy(() -> UserScope.parse(groupIds(11), null, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowedGroups: 11 groups given (g1,g2,g3,g4,g5,g6,g7,g8,g9,g10,g11)")
                .hasMessageContaining("at most 10");
    }

    @Test
    void shouldRejectAGroupIdThatWouldChangeTheUrl() {
        assertThatThrownBy(() -> UserScope.parse("g-fin,../users", null, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowedGroups: '../users' is not a group object id");
    }

    @Test
    void shouldRejectOnlyCommas() {
        assertThatThrownBy(() -> UserScope.parse(" , ", null, BASE))
                .hasMessageContaining("allowedGroups: no group object id given");
    }

    @Test
    void shouldRejectGroupsAndFilterTogether() {
        assertThatThrownBy(() -> UserScope.parse("g-fin", BASE + "/v1.0/users?$filter=department eq 'Finance'", BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowedGroups ('g-fin') and userScopeFilterUri")
                .hasMessageContaining("set at most one of them");
    }

    @Test
    void shouldReadTheFilterOfAUriWithPlainSpacesAndQuotes() {
        UserScope scope = UserScope.parse(null, BASE + "/v1.0/users?$filter=Department eq 'Finance'", BASE);

        assertThat(scope).isInstanceOfSatisfying(UserScope.Filter.class, filter -> {
            assertThat(filter.filter()).isEqualTo("Department eq 'Finance'");
            assertThat(filter.count()).isFalse();
        });
    }

    @Test
    void shouldDecodeAPercentEncodedFilterAndKeepAPlusSign() {
        UserScope scope = UserScope.parse(null,
                BASE + "/v1.0/users?%24filter=mail%20eq%20%27a+b%40contoso.test%27&$count=true&$select=id", BASE);

        assertThat(scope).isEqualTo(new UserScope.Filter(
                BASE + "/v1.0/users?%24filter=mail%20eq%20%27a+b%40contoso.test%27&$count=true&$select=id",
                "mail eq 'a+b@contoso.test'", true));
    }

    @Test
    void shouldAcceptAFilterWrittenForMicrosoftGraphWhateverTheBaseUrl() {
        UserScope scope = UserScope.parse(null,
                "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'", BASE);

        assertThat(((UserScope.Filter) scope).filter()).isEqualTo("Department eq 'Finance'");
    }

    @ParameterizedTest(name = "userScopeFilterUri \"{0}\" is refused for its host")
    @ValueSource(strings = { "https://evil.example/v1.0/users?$filter=department eq 'Finance'",
                             "https://127.0.0.1:9999/v1.0/users?$filter=department eq 'Finance'",
                             "http://127.0.0.1:8443/v1.0/users?$filter=department eq 'Finance'",
                             "https://graph.microsoft.com.evil.example/v1.0/users?$filter=x eq 'y'",
                             "http://graph.microsoft.com/v1.0/users?$filter=x eq 'y'" })
    void shouldRejectAFilterUriOnAnotherHost(String uri) {
        assertThatThrownBy(() -> UserScope.parse(null, uri, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userScopeFilterUri '" + uri + "' is not accepted")
                .hasMessageContaining("neither graphBaseUrl (" + BASE + ") nor Microsoft Graph")
                .hasMessageContaining("/v1.0/users?$filter=");
    }

    @ParameterizedTest(name = "userScopeFilterUri \"{0}\" is refused for its path")
    @ValueSource(strings = { "https://127.0.0.1:8443/beta/users?$filter=x eq 'y'",
                             "https://127.0.0.1:8443/v1.0/users/alice/messages?$filter=x eq 'y'",
                             "https://127.0.0.1:8443/v1.0/groups?$filter=x eq 'y'",
                             "https://127.0.0.1:8443/v1.0/users/?$filter=x eq 'y'" })
    void shouldRejectAFilterUriWithAnotherPath(String uri) {
        assertThatThrownBy(() -> UserScope.parse(null, uri, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userScopeFilterUri '" + uri + "' is not accepted: its path is")
                .hasMessageContaining("only /v1.0/users is accepted");
    }

    @ParameterizedTest(name = "userScopeFilterUri \"{0}\" is refused")
    @ValueSource(strings = { "https://127.0.0.1:8443/v1.0/users", "https://127.0.0.1:8443/v1.0/users?$filter=",
                             "https://127.0.0.1:8443/v1.0/users?$top=5",
                             "https://127.0.0.1:8443/v1.0/users?$search=\"a\"&$filter=x eq 'y'",
                             "https://127.0.0.1:8443/v1.0/users?$filter=x eq 'y'&$filter=z eq 'w'",
                             "https://127.0.0.1:8443/v1.0/users?$filter=x eq '%zz'", "not a url?$filter=x" })
    void shouldRejectAFilterUriWithoutOneUsableFilter(String uri) {
        assertThatThrownBy(() -> UserScope.parse(null, uri, BASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("userScopeFilterUri '" + uri + "' is not accepted: ")
                .hasMessageContaining("expected <graphBaseUrl>/v1.0/users?$filter=<expression>");
    }

    private static String groupIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "g" + i).collect(Collectors.joining(","));
    }
}
