/**
 * Which users a run reads: {@link io.github.cameloffice365.scope.UserScope} (all users, groups, or a users filter),
 * resolved to {@link io.github.cameloffice365.scope.DirectoryUser}s by
 * {@link io.github.cameloffice365.scope.UserScopeResolver}, and which of them have no mailbox to read
 * ({@link io.github.cameloffice365.scope.MailboxSkipReason}).
 */
package io.github.cameloffice365.scope;
