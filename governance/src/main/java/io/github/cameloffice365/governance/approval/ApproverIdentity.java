package io.github.cameloffice365.governance.approval;

/**
 * The person behind a validated access token.
 *
 * @param objectId          the user's object id in the tenant ({@code oid})
 * @param preferredUsername the sign-in name ({@code preferred_username}), the name the ledger records
 * @param displayName       the display name ({@code name}), or the sign-in name when the token has none
 * @param tenantId          the tenant that issued the token ({@code tid})
 */
public record ApproverIdentity(String objectId, String preferredUsername, String displayName, String tenantId) {
}
