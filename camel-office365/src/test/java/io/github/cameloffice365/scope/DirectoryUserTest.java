package io.github.cameloffice365.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class DirectoryUserTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldReadTheSelectedPropertiesOfAGraphUser() throws Exception {
        DirectoryUser user = DirectoryUser.fromGraph(mapper.readTree("{\"@odata.type\":\"#microsoft.graph.user\","
                + "\"id\":\"u1\",\"userPrincipalName\":\"alice@contoso.test\",\"mail\":null,"
                + "\"userType\":\"Member\",\"accountEnabled\":false,\"displayName\":\"Alice\"}"));

        assertThat(user).isEqualTo(new DirectoryUser("u1", "alice@contoso.test", null, "Member", false));
        assertThat(user.displayName()).isEqualTo("alice@contoso.test");
    }

    @Test
    void shouldLeaveUnknownPropertiesNull() throws Exception {
        DirectoryUser user = DirectoryUser.fromGraph(mapper.readTree("{\"id\":\"u1\"}"));

        assertThat(user).isEqualTo(new DirectoryUser("u1", null, null, null, null));
        assertThat(user.mayHaveMailbox()).isTrue();
        assertThat(user.displayName()).isEqualTo("u1");
    }

    @Test
    void shouldRefuseAUserWithoutId() {
        assertThatThrownBy(() -> DirectoryUser.fromGraph(mapper.readTree("{\"mail\":\"x@contoso.test\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without an id");
    }
}
