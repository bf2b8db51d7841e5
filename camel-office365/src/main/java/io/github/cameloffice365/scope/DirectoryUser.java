package io.github.cameloffice365.scope;

import java.util.Objects;

/**
 * A user of the directory that a run may read.
 *
 * @param id                the Entra object id
 * @param userPrincipalName the user principal name
 * @param mail              the primary SMTP address, or null
 * @param userType          {@code Member} or {@code Guest}, or null when Graph did not say
 * @param accountEnabled    whether the account may sign in, or null when Graph did not say
 */
public record DirectoryUser(String id, String userPrincipalName, String mail, String userType, Boolean accountEnabled) {

    public DirectoryUser {
        Objects.requireNonNull(id, "id");
    }
}
