package io.github.cameloffice365.governance.consent;

/**
 * A user who owns the application (the service principal) that runs an extraction: in MGDC's terms, who may request
 * its data access, and who may never approve it.
 *
 * @param objectId          the user's object id in the tenant
 * @param userPrincipalName the user's sign-in name, or null when the directory does not tell it
 */
public record ApplicationOwner(String objectId, String userPrincipalName) {
}
