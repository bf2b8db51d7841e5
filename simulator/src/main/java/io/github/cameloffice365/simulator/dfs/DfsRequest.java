package io.github.cameloffice365.simulator.dfs;

/**
 * One request {@link DfsSimulator} answered, as tests read it back.
 *
 * @param method    the HTTP method
 * @param path      the decoded path below the account, e.g. {@code /lake/folder/part-0.json}
 * @param query     the raw query string, or an empty string
 * @param operation the operation the request was recognised as
 * @param status    the HTTP status answered; 0 when the connection was dropped without an answer
 */
public record DfsRequest(String method, String path, String query, DfsOperation operation, int status) {
}
