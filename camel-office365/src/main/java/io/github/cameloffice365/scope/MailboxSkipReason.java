package io.github.cameloffice365.scope;

import java.util.Map;
import java.util.Optional;

import io.github.cameloffice365.graph.GraphRequestException;

/**
 * Why a user's mailbox is left out of a mailbox table instead of failing the run: the user is a guest, or Graph says
 * the user has no mailbox this app can read. Such users are listed in the run summary with this reason.
 *
 * @param code        Graph's error code, or {@code Guest} for a guest account
 * @param description a sentence for the run summary and the log
 */
public record MailboxSkipReason(String code, String description) {

    /** Guests are members of another organisation; Graph Data Connect extracts members only. */
    public static final MailboxSkipReason GUEST = new MailboxSkipReason("Guest",
            "guest account: only members of the organisation are extracted");

    private static final Map<String, String> MAILBOX_ERRORS = Map.of(
            "MailboxNotEnabledForRESTAPI", "no Exchange Online mailbox (MailboxNotEnabledForRESTAPI): the mailbox is"
                    + " inactive, soft-deleted or on-premises, or the user has no Exchange Online licence",
            "ErrorNonExistentMailbox", "no mailbox (ErrorNonExistentMailbox): Exchange Online holds no mailbox for"
                    + " this user",
            "ErrorInvalidUser", "Exchange Online does not know this user (ErrorInvalidUser): the mailbox is not"
                    + " provisioned yet or has been removed",
            "ErrorAccessDenied", "access to the mailbox is denied (ErrorAccessDenied): the app lacks the application"
                    + " permission for this table, or an Exchange application access policy excludes this mailbox");

    /**
     * The reason to skip a mailbox, when a failed request says the mailbox cannot be read: 404
     * MailboxNotEnabledForRESTAPI, ErrorNonExistentMailbox or ErrorInvalidUser, or 403 ErrorAccessDenied. Empty for
     * every other failure (throttling, server errors, bad requests), which fails the user instead.
     */
    public static Optional<MailboxSkipReason> of(GraphRequestException failure) {
        int status = failure.status();
        if (failure.errorCode() == null || status < 400 || status >= 500) {
            return Optional.empty();
        }
        String code = failure.errorCode();
        String description = MAILBOX_ERRORS.get(code);
        if (description == null || ("ErrorAccessDenied".equals(code) && status != 403)) {
            return Optional.empty();
        }
        return Optional.of(new MailboxSkipReason(code, description));
    }

    /** The reason not to query this user's mailbox at all; empty when it may hold a mailbox. */
    public static Optional<MailboxSkipReason> of(DirectoryUser user) {
        return user.mayHaveMailbox() ? Optional.empty() : Optional.of(GUEST);
    }
}
