package io.github.cameloffice365.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class GraphRequestExceptionTest {

    private static final String URL = "https://graph.microsoft.com/v1.0/users/alice@contoso.test/messages";

    @Test
    void shouldNameMethodUrlUserStatusCodeAttemptsAndGraphMessage() {
        GraphRequestException e = new GraphRequestException("GET", URL, "alice@contoso.test", 429,
                "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", 4, "req-1", null);

        assertThat(e).hasMessage("GET " + URL + " failed for user alice@contoso.test: 429 ApplicationThrottled"
                + " after 4 attempts (Graph: Application is over its MailboxConcurrency limit.; request-id req-1)");
        assertThat(e.isThrottled()).isTrue();
        assertThat(e.isNotFound()).isFalse();
    }

    @Test
    void shouldLeaveOutTheUserForADirectoryRequest() {
        GraphRequestException e = new GraphRequestException("GET", "https://graph.microsoft.com/v1.0/groups/g1/"
                + "transitiveMembers", null, 404, "Request_ResourceNotFound", "Resource 'g1' does not exist.", 1,
                null, null);

        assertThat(e).hasMessage("GET https://graph.microsoft.com/v1.0/groups/g1/transitiveMembers failed:"
                + " 404 Request_ResourceNotFound after 1 attempt (Graph: Resource 'g1' does not exist.)");
    }

    @Test
    void shouldDescribeAFailureWithoutResponse() {
        ConnectException refused = new ConnectException("Connection refused");
        GraphRequestException e = new GraphRequestException("GET", URL, "bob@contoso.test",
                GraphRequestException.NO_RESPONSE, null, refused.toString(), 7, "c-9", refused);

        assertThat(e).hasMessage("GET " + URL + " failed for user bob@contoso.test: no response after 7 attempts"
                + " (java.net.ConnectException: Connection refused; request-id c-9)");
        assertThat(e).hasCause(refused);
    }
}
