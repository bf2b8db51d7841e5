/**
 * The Microsoft Graph client: app-only tokens through msal4j
 * ({@link io.github.cameloffice365.graph.MsalAccessTokenSource}), and
 * {@link io.github.cameloffice365.graph.GraphClient}, which pages by {@code @odata.nextLink}, retries throttled and
 * failed requests, and keeps to Outlook's per-mailbox limits.
 */
package io.github.cameloffice365.graph;
