package io.github.cameloffice365.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.cameloffice365.graph.GraphRequestException;

class MailboxSkipReasonTest {

    private static GraphRequestException failure(int status, String code) {
        return new GraphRequestException("GET", "https://graph.microsoft.com/v1.0/users/u1/messages", "u1", status,
                code, "some message", 1, null, null);
    }

    @Test
    void shouldSkipAMailboxThatIsNotEnabledForRest() {
        assertThat(MailboxSkipReason.of(failure(404, "MailboxNotEnabledForRESTAPI")))
                .hasValueSatisfying(reason -> {
                    assertThat(reason.code()).isEqualTo("MailboxNotEnabledForRESTAPI");
                    assertThat(reason.description()).startsWith("no Exchange Online mailbox (MailboxNotEnabledForRESTAPI)")
                            .contains("inactive, soft-deleted or on-premises");
                });
    }

    @ParameterizedTest(name = "{0} {1} skips the mailbox")
    @CsvSource({ "404,ErrorInvalidUser", "404,ErrorNonExistentMailbox", "403,ErrorAccessDenied",
                 "401,MailboxNotEnabledForRESTAPI" })
    void shouldSkipMailboxesGraphCannotRead(int status, String code) {
        assertThat(MailboxSkipReason.of(failure(status, code))).map(MailboxSkipReason::code).contains(code);
    }

    @ParameterizedTest(name = "{0} {1} fails the user instead")
    @CsvSource({ "429,ApplicationThrottled", "503,ServiceUnavailable", "400,BadRequest", "404,ErrorItemNotFound",
                 "500,ErrorAccessDenied", "404,ErrorAccessDenied", "0," })
    void shouldNotSkipForOtherFailures(int status, String code) {
        assertThat(MailboxSkipReason.of(failure(status, code))).isEmpty();
    }

    @Test
    void shouldNotQueryGuests() {
        DirectoryUser guest = new DirectoryUser("u2", "guest_fabrikam.test#EXT#@contoso.test", null, "Guest", true);
        DirectoryUser member = new DirectoryUser("u1", "alice@contoso.test", "alice@contoso.test", "Member", true);
        DirectoryUser disabled = new DirectoryUser("u3", "shared@contoso.test", null, "Member", false);

        assertThat(guest.mayHaveMailbox()).isFalse();
        assertThat(MailboxSkipReason.of(guest)).contains(MailboxSkipReason.GUEST);
        assertThat(member.mayHaveMailbox()).isTrue();
        assertThat(MailboxSkipReason.of(member)).isEmpty();
        assertThat(disabled.mayHaveMailbox()).as("shared mailboxes are disabled accounts").isTrue();
    }
}
