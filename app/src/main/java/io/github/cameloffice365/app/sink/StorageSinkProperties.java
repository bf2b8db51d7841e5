package io.github.cameloffice365.app.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The application properties of the Blob and ADLS Gen2 sinks, read and checked before any network call. Every error
 * names the property, the value (never a secret) and what is accepted.
 *
 * <p>
 * The service principal of the sinks defaults to the one of the office365 endpoint ({@code office365.*}), in the same
 * tenant; {@code office365.storage.*} overrides it. Only service-principal authentication is offered: a client secret
 * or a PKCS#12 certificate. Account keys, SAS tokens and connection strings are not read at all.
 */
public final class StorageSinkProperties {

    // the office365 endpoint's own properties, the defaults of the sinks' service principal
    static final String OFFICE365_TENANT_ID = "office365.tenant-id";
    static final String OFFICE365_SP_TENANT_ID = "camel.component.office365.service-principal-tenant-id";
    static final String OFFICE365_SP_ID = "office365.client-id";
    static final String OFFICE365_SP_KEY = "office365.client-secret";
    static final String OFFICE365_SP_CERTIFICATE = "camel.component.office365.service-principal-certificate-path";
    static final String OFFICE365_SP_CERTIFICATE_PASSWORD = "camel.component.office365.service-principal-certificate-password";
    static final String OFFICE365_AUTHORITY_HOST = "office365.authority-host";
    static final String OFFICE365_PART_SIZE = "office365.part-size";
    static final String COMPONENT_PART_SIZE = "camel.component.office365.part-size";

    static final String STORAGE = "office365.storage.";
    static final String BLOB = "office365.blob.";
    static final String ADLS = "office365.adls.";

    /** The resource of Azure Storage in the public cloud; tokens are requested for {@code <audience>/.default}. */
    public static final String DEFAULT_AUDIENCE = "https://storage.azure.com";
    static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
    static final long MIB = 1024L * 1024;
    /** The largest block the ADLS Gen2 sink appends in one request; the service takes up to 4000 MiB. */
    static final long MAX_BLOCK_SIZE = 100 * MIB;
    /**
     * The largest part the sinks accept: the Blob sink writes a part with one Put Blob request (the service takes up to
     * 5000 MiB) and a part is held in memory once, so parts are kept far below that.
     */
    public static final long MAX_PART_SIZE = 256 * MIB;

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9](?!.*--)[-a-z0-9]{1,61}[a-z0-9]$");

    private final Function<String, Optional<String>> lookup;

    private StorageSinkProperties(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Reads from a property lookup, e.g. Camel's properties component. */
    public static StorageSinkProperties from(Function<String, Optional<String>> lookup) {
        return new StorageSinkProperties(lookup);
    }

    /** True when the Blob sink is configured ({@code office365.blob.account} is set). */
    public boolean blobConfigured() {
        return value(BLOB + "account").isPresent();
    }

    /** True when the ADLS Gen2 sink is configured ({@code office365.adls.account} is set). */
    public boolean adlsConfigured() {
        return value(ADLS + "account").isPresent();
    }

    /** The service principal and transport of both sinks. */
    public StorageCredentialSettings credential() {
        String tenantId = firstOf(STORAGE + "tenant-id", OFFICE365_SP_TENANT_ID, OFFICE365_TENANT_ID);
        String clientId = firstOf(STORAGE + "client-id", OFFICE365_SP_ID);
        Optional<String> storageSecret = value(STORAGE + "client-secret");
        Optional<String> storageCertificate = value(STORAGE + "certificate-path");
        String secret;
        String certificate;
        String certificatePassword;
        if (storageSecret.isPresent() || storageCertificate.isPresent()) {
            secret = storageSecret.orElse(null);
            certificate = storageCertificate.orElse(null);
            certificatePassword = value(STORAGE + "certificate-password").orElse(null);
        } else {
            secret = value(OFFICE365_SP_KEY).orElse(null);
            certificate = value(OFFICE365_SP_CERTIFICATE).orElse(null);
            certificatePassword = value(OFFICE365_SP_CERTIFICATE_PASSWORD).orElse(null);
        }
        if (tenantId == null) {
            throw new IllegalArgumentException(STORAGE + "tenant-id is required: set it, or " + OFFICE365_SP_TENANT_ID
                                               + " or " + OFFICE365_TENANT_ID + ", to the tenant of the service principal");
        }
        if (clientId == null) {
            throw new IllegalArgumentException(STORAGE + "client-id is required: set it, or " + OFFICE365_SP_ID
                                               + ", to the application (client) id of the service principal");
        }
        if ((secret == null) == (certificate == null)) {
            throw new IllegalArgumentException(secret == null
                    ? STORAGE + "client-secret or " + STORAGE + "certificate-path is required for client id " + clientId
                      + " (or " + OFFICE365_SP_KEY + " / " + OFFICE365_SP_CERTIFICATE + "): the sinks authenticate as"
                      + " a service principal with a client secret or a PKCS#12 certificate"
                    : "Both a client secret and a certificate are set for the storage service principal " + clientId
                      + "; set only one of them");
        }
        String authorityHost = firstOf(STORAGE + "authority-host", OFFICE365_AUTHORITY_HOST);
        String audience = value(STORAGE + "audience").orElse(DEFAULT_AUDIENCE);
        URI audienceUri = parseUri(STORAGE + "audience", audience, "an https resource URI such as " + DEFAULT_AUDIENCE);
        if (!"https".equalsIgnoreCase(audienceUri.getScheme()) || audience.endsWith("/.default")) {
            throw new IllegalArgumentException(STORAGE + "audience '" + audience + "' is not accepted: expected the"
                                               + " storage resource without /.default, e.g. " + DEFAULT_AUDIENCE);
        }
        Path trustStore = value(STORAGE + "trust-store").map(Path::of).orElse(null);
        return new StorageCredentialSettings(tenantId, clientId, secret,
                certificate == null ? null : Path.of(certificate), certificatePassword,
                authorityHost == null ? DEFAULT_AUTHORITY_HOST : authorityHost, stripTrailingSlash(audience),
                trustStore, value(STORAGE + "trust-store-password").orElse(null),
                value(STORAGE + "trust-store-type").orElse("PKCS12"),
                positiveInt(STORAGE + "max-tries", 4, 1, 20),
                Duration.ofMillis(positiveLong(STORAGE + "retry-delay", 4_000, 1, 3_600_000)),
                Duration.ofMillis(positiveLong(STORAGE + "max-retry-delay", 120_000, 1, 3_600_000)),
                Duration.ofSeconds(positiveLong(STORAGE + "timeout", 30, 1, 3_600)));
    }

    /** Where the Blob sink writes. */
    public SinkLocation blob() {
        String account = account(BLOB);
        String endpoint = endpoint(BLOB, account, "blob");
        String container = container(BLOB + "container");
        return new SinkLocation(account, endpoint, container, folder(BLOB + "folder"));
    }

    /** Where the ADLS Gen2 sink writes. */
    public SinkLocation adls() {
        String account = account(ADLS);
        String endpoint = endpoint(ADLS, account, "dfs");
        String fileSystem = container(ADLS + "file-system");
        return new SinkLocation(account, endpoint, fileSystem, folder(ADLS + "folder"));
    }

    /** The size of the blocks the ADLS Gen2 sink appends, in bytes ({@code office365.adls.block-size}). */
    public long adlsBlockSize() {
        return positiveLong(ADLS + "block-size", 4 * MIB, 1, MAX_BLOCK_SIZE);
    }

    /** How many blocks of one part the ADLS Gen2 sink appends at once ({@code office365.adls.max-concurrency}). */
    public int adlsMaxConcurrency() {
        return positiveInt(ADLS + "max-concurrency", 2, 1, 16);
    }

    /**
     * Checks that the consumer's part size, when set ({@code office365.part-size} or the component option
     * {@code camel.component.office365.part-size}), fits the sinks.
     */
    public void checkPartSize() {
        for (String property : new String[] {OFFICE365_PART_SIZE, COMPONENT_PART_SIZE}) {
            value(property).ifPresent(text -> positiveLong(property, 0, 1, MAX_PART_SIZE));
        }
    }

    private String account(String prefix) {
        String account = value(prefix + "account").orElseThrow(() -> new IllegalArgumentException(
                prefix + "account is required: the storage account name, 3 to 24 lowercase letters and digits"));
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException(prefix + "account '" + account + "' is not a storage account name: expected"
                                               + " 3 to 24 lowercase letters and digits");
        }
        return account;
    }

    private String endpoint(String prefix, String account, String service) {
        String property = prefix + "endpoint";
        String standard = "https://" + account + "." + service + ".core.windows.net";
        String endpoint = stripTrailingSlash(value(property).orElse(standard));
        String accepted = "expected https://host[:port] or https://host:port/<account>, without a query string, e.g. "
                          + standard;
        URI uri = parseUri(property, endpoint, accepted);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
            || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + " '" + redactQuery(endpoint) + "' is not accepted: " + accepted
                                               + " (bearer tokens travel over HTTPS only, and the sinks take no SAS token)");
        }
        return endpoint;
    }

    private String container(String property) {
        String name = value(property).orElseThrow(() -> new IllegalArgumentException(property + " is required"));
        if (!CONTAINER.matcher(name).matches()) {
            throw new IllegalArgumentException(property + " '" + name + "' is not accepted: expected 3 to 63 lowercase"
                                               + " letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        return name;
    }

    private String folder(String property) {
        String folder = value(property).orElseThrow(() -> new IllegalArgumentException(
                property + " is required: the folder the parts are written under, e.g. mgdc/mail"));
        if (folder.startsWith("/") || folder.endsWith("/") || folder.contains("//") || folder.contains("\\")
            || folder.contains("..") || folder.length() > 512) {
            throw new IllegalArgumentException(property + " '" + folder + "' is not accepted: expected a relative folder"
                                               + " such as mgdc/mail, without leading or trailing '/', '//', '\\' or '..'");
        }
        return folder;
    }

    private int positiveInt(String property, int defaultValue, int min, int max) {
        return (int) positiveLong(property, defaultValue, min, max);
    }

    private long positiveLong(String property, long defaultValue, long min, long max) {
        Optional<String> text = value(property);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.get().strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(property + " '" + text.get() + "' is not accepted: expected a whole number from "
                                           + min + " to " + max);
    }

    private String firstOf(String... properties) {
        for (String property : properties) {
            Optional<String> value = value(property);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return null;
    }

    private Optional<String> value(String property) {
        return lookup.apply(property).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static URI parseUri(String property, String value, String accepted) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " '" + redactQuery(value) + "' is not a URL: " + accepted, e);
        }
    }

    private static String redactQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?<redacted>";
    }

    private static String stripTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Where a sink writes: the account, its endpoint, the container (Blob) or filesystem (ADLS Gen2) and the folder.
     *
     * @param account   the storage account name
     * @param endpoint  the service endpoint, e.g. https://contoso.blob.core.windows.net
     * @param container the container or filesystem
     * @param folder    the folder inside it
     */
    public record SinkLocation(String account, String endpoint, String container, String folder) {

        /** The destination URL the run context names: endpoint, container and folder. */
        public String destination() {
            return endpoint + "/" + container + "/" + folder;
        }
    }
}
