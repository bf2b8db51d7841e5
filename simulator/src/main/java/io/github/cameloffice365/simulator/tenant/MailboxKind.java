package io.github.cameloffice365.simulator.tenant;

import java.util.Locale;

/**
 * Where a user's mailbox lives, as Graph sees it: only an Exchange Online mailbox answers mail, calendar and
 * contact calls; the others get 404 {@code MailboxNotEnabledForRESTAPI}.
 */
public enum MailboxKind {
    /** A mailbox in Exchange Online. */
    EXCHANGE_ONLINE("exchangeOnline"),
    /** No mailbox at all (no licence, guests, disabled accounts). */
    NONE("none"),
    /** A mailbox hosted on-premises in a hybrid organisation. */
    ON_PREMISES("onPremises");

    private final String fixtureName;

    MailboxKind(String fixtureName) {
        this.fixtureName = fixtureName;
    }

    /** The value of {@code _mailbox} in the fixtures. */
    public String fixtureName() {
        return fixtureName;
    }

    /** Parses a {@code _mailbox} value, case-insensitively. */
    public static MailboxKind fromFixtureName(String value) {
        for (MailboxKind kind : values()) {
            if (kind.fixtureName.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown _mailbox value '" + value
                + "'; accepted: exchangeOnline, none, onPremises");
    }
}
