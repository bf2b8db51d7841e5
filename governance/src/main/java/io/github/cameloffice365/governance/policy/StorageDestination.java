package io.github.cameloffice365.governance.policy;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A run's destination as a location in a storage account: the host, port and path of an https URL
 * ({@code https://account.blob.core.windows.net/container/folder}), or of the Hadoop forms
 * {@code abfss://container@account.dfs.core.windows.net/folder} and {@code wasbs://container@account.blob...}.
 *
 * @param text the destination as configured
 * @param host the host, in lower case
 * @param port the port (443 or 80 when the URL names none)
 * @param path the path, container first, starting with a slash
 */
record StorageDestination(String text, String host, int port, String path) {

    private static final List<String> STORAGE_DOMAINS = List.of(".core.windows.net", ".core.usgovcloudapi.net",
            ".core.chinacloudapi.cn");

    /** The destination, or null when it is empty or not a URL of a storage location. */
    static StorageDestination parse(String destination) {
        if (destination == null || destination.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(destination.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (host == null) {
                return null;
            }
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            boolean secure;
            switch (scheme) {
                case "https" -> secure = true;
                case "http" -> secure = false;
                case "abfss", "wasbs", "abfs", "wasb" -> {
                    secure = scheme.endsWith("s");
                    // the container is the user part: abfss://container@account.dfs.core.windows.net/folder
                    if (uri.getUserInfo() != null) {
                        path = "/" + uri.getUserInfo() + (path.startsWith("/") ? path : "/" + path);
                    }
                }
                default -> {
                    return null;
                }
            }
            int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
            return new StorageDestination(destination.strip(), host.toLowerCase(Locale.ROOT), port, path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the host is an Azure storage endpoint, e.g. {@code account.blob.core.windows.net}. */
    boolean isAzureStorageHost() {
        return STORAGE_DOMAINS.stream().anyMatch(host::endsWith);
    }

    /** Whether this destination lies under an endpoint URL of a storage account. */
    boolean isUnder(String endpoint) {
        StorageDestination base = parse(endpoint);
        if (base == null || !base.host.equals(host) || base.port != port) {
            return false;
        }
        String prefix = base.path.endsWith("/") ? base.path : base.path + "/";
        String here = path.endsWith("/") ? path : path + "/";
        return here.startsWith(prefix);
    }

    @Override
    public String toString() {
        return text;
    }
}
