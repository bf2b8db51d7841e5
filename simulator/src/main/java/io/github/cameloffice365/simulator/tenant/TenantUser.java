package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A user of the tenant: the Graph user object as served, plus the simulator's metadata.
 *
 * @param properties the Graph v1.0 user properties (no metadata keys)
 * @param mailboxKind where the user's mailbox lives
 * @param managerId the id of the user's manager, or {@code null}
 * @param password the password for interactive sign-in tests, or {@code null}
 */
public record TenantUser(ObjectNode properties, MailboxKind mailboxKind, String managerId, String password) {

    /** Metadata key: where the mailbox lives. */
    public static final String MAILBOX = "_mailbox";
    /** Metadata key: the manager's user id. */
    public static final String MANAGER = "_manager";
    /** Metadata key: the sign-in password. */
    public static final String PASSWORD = "_password";

    /**
     * Reads a fixture user object: metadata keys are taken out, an absent {@code _mailbox} means Exchange Online
     * for members and no mailbox for guests.
     */
    public static TenantUser fromFixture(ObjectNode fixture) {
        ObjectNode properties = fixture.deepCopy();
        String mailbox = textOrNull(properties.remove(MAILBOX));
        String manager = textOrNull(properties.remove(MANAGER));
        String password = textOrNull(properties.remove(PASSWORD));
        removeMetadata(properties);
        if (!properties.hasNonNull("id")) {
            throw new IllegalArgumentException("A user needs an \"id\": " + fixture);
        }
        MailboxKind kind;
        if (mailbox != null) {
            kind = MailboxKind.fromFixtureName(mailbox);
        } else {
            kind = "Guest".equalsIgnoreCase(properties.path("userType").asText("")) ? MailboxKind.NONE
                    : MailboxKind.EXCHANGE_ONLINE;
        }
        return new TenantUser(properties, kind, manager, password);
    }

    /** The user's object id. */
    public String id() {
        return properties.path("id").asText();
    }

    /** The user principal name, or {@code null}. */
    public String userPrincipalName() {
        return properties.hasNonNull("userPrincipalName") ? properties.get("userPrincipalName").asText() : null;
    }

    /** The manager's id, if the user has one. */
    public Optional<String> manager() {
        return Optional.ofNullable(managerId);
    }

    /** Whether mail, calendar and contact calls are answered for this user. */
    public boolean hasExchangeOnlineMailbox() {
        return mailboxKind == MailboxKind.EXCHANGE_ONLINE;
    }

    /** Removes every key starting with {@code _} (simulator metadata), at the top level. */
    public static void removeMetadata(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            if (fields.next().getKey().startsWith("_")) {
                fields.remove();
            }
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
