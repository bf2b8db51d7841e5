package io.github.cameloffice365.scope;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A user of the directory, as the scope resolution reads it from Graph.
 *
 * @param id                the Entra object id; the key every per-user request and row uses
 * @param userPrincipalName the sign-in name, e.g. alice@contoso.test; may be null
 * @param mail              the primary SMTP address; null when the user has no mail address
 * @param userType          {@code Member} or {@code Guest}; null when Graph did not say
 * @param accountEnabled    whether the account can sign in; null when Graph did not say
 */
public record DirectoryUser(String id, String userPrincipalName, String mail, String userType,
        Boolean accountEnabled) {

    /** The user properties the scope resolution asks Graph for. */
    public static final String SELECT = "id,userPrincipalName,mail,userType,accountEnabled";

    public DirectoryUser {
        Objects.requireNonNull(id, "id");
    }

    /**
     * Reads a Graph user object (from /users or a group's transitiveMembers).
     *
     * @throws IllegalArgumentException when the object has no id
     */
    public static DirectoryUser fromGraph(JsonNode user) {
        String id = text(user, "id");
        if (id == null) {
            throw new IllegalArgumentException("a user without an id in Graph's answer: " + user);
        }
        JsonNode enabled = user.get("accountEnabled");
        return new DirectoryUser(id, text(user, "userPrincipalName"), text(user, "mail"), text(user, "userType"),
                enabled != null && enabled.isBoolean() ? enabled.booleanValue() : null);
    }

    /** Whether the user is a guest from another organisation. */
    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType);
    }

    /**
     * Whether this user's mailbox is worth asking Graph for: members of the organisation only, as Graph Data Connect
     * extracts them; guests are never queried. A disabled account is still asked for, because shared mailboxes are
     * disabled accounts with a mailbox; a user without a mailbox is recognised from Graph's answer instead (see
     * {@link MailboxSkipReason#of(io.github.cameloffice365.graph.GraphRequestException)}).
     */
    public boolean mayHaveMailbox() {
        return userType == null || "Member".equalsIgnoreCase(userType);
    }

    /** The user principal name when known, else the id: for messages and logs. */
    public String displayName() {
        return userPrincipalName != null ? userPrincipalName : id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
}
