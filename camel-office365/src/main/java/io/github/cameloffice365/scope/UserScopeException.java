package io.github.cameloffice365.scope;

import java.io.IOException;

/**
 * The users of a scope could not be resolved because of the scope itself: an unknown group, a filter Graph rejects.
 * The message names the option (allowedGroups or userScopeFilterUri), the value, and Graph's explanation.
 */
public class UserScopeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String option;

    public UserScopeException(String option, String message, Throwable cause) {
        super(message, cause);
        this.option = option;
    }

    /** The endpoint option the problem is in: allowedGroups or userScopeFilterUri. */
    public String option() {
        return option;
    }
}
