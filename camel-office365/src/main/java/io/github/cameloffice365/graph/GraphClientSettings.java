package io.github.cameloffice365.graph;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLContext;

/**
 * How a {@link GraphClient} talks to Graph: where, how long it waits, how often and how patiently it retries, and
 * how many requests it keeps in flight. Build one with {@link #builder()}; every value has a default except the
 * SSL context, which falls back to the JVM's default.
 *
 * @param graphBaseUrl           scheme, host and optional port of Graph, without a path, e.g.
 *                               {@code https://graph.microsoft.com}; the only origin that ever receives the token
 * @param tokenScope             the scope the access token is requested for; defaults to
 *                               {@code graphBaseUrl + "/.default"} for Microsoft Graph's own hosts (public and
 *                               national clouds), and to {@code https://graph.microsoft.com/.default} for any other
 *                               base URL (a proxy or a simulator standing in for Graph)
 * @param connectTimeout         how long to wait for a TCP and TLS connection
 * @param requestTimeout         how long one attempt may take, from sending the request to the last byte of the body
 * @param maxRetries             how many times a request is retried after a 429, a 5xx gateway error or an I/O error
 * @param retryBaseDelay         the first retry's backoff; it doubles with every further retry
 * @param retryMaxDelay          the longest backoff the client chooses itself; a longer {@code Retry-After} from Graph
 *                               is still honoured
 * @param maxConcurrentMailboxes how many mailboxes may have requests in flight at the same time
 * @param maxRequestsPerMailbox  how many requests one mailbox may have in flight (Outlook allows 4)
 * @param httpVersion            the preferred HTTP version; HTTP/2 falls back to HTTP/1.1 when the server offers only
 *                               that
 * @param sslContext             the TLS configuration; null for the JVM's default
 * @param clock                  the clock that retry delays and pauses are measured with
 * @param sleeper                how the client waits between retries
 * @param userAgent              the {@code User-Agent} header sent with every request
 */
public record GraphClientSettings(
        String graphBaseUrl,
        String tokenScope,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int maxConcurrentMailboxes,
        int maxRequestsPerMailbox,
        HttpClient.Version httpVersion,
        SSLContext sslContext,
        Clock clock,
        Sleeper sleeper,
        String userAgent) {

    /** The public Microsoft Graph service. */
    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com";
    /** The hosts of Microsoft Graph: the public service and the national clouds. */
    public static final Set<String> MICROSOFT_GRAPH_HOSTS = Set.of("graph.microsoft.com", "graph.microsoft.us",
            "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn");
    /** Outlook's limit of concurrent requests per app and mailbox. */
    public static final int OUTLOOK_CONCURRENT_REQUESTS_PER_MAILBOX = 4;

    public GraphClientSettings {
        graphBaseUrl = normalizeBaseUrl(graphBaseUrl);
        if (tokenScope == null || tokenScope.isBlank()) {
            tokenScope = defaultTokenScope(graphBaseUrl);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        requirePositive("retryBaseDelay", retryBaseDelay);
        requirePositive("retryMaxDelay", retryMaxDelay);
        if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retryMaxDelay (" + retryMaxDelay.toMillis()
                    + " ms) must not be shorter than retryBaseDelay (" + retryBaseDelay.toMillis() + " ms)");
        }
        if (maxConcurrentMailboxes < 1) {
            throw new IllegalArgumentException("maxConcurrentMailboxes must be 1 or more, was " + maxConcurrentMailboxes);
        }
        if (maxRequestsPerMailbox < 1) {
            throw new IllegalArgumentException("maxRequestsPerMailbox must be 1 or more, was " + maxRequestsPerMailbox);
        }
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be empty");
        }
    }

    /** A builder with the defaults: public Graph, 6 retries from 1 s up to 60 s, 8 mailboxes of 4 requests. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks that a Graph base URL is an http(s) origin without a path, query or fragment, and returns it without a
     * trailing slash.
     *
     * @throws IllegalArgumentException naming graphBaseUrl, the value and the accepted form
     */
    public static String normalizeBaseUrl(String graphBaseUrl) {
        String accepted = "; expected https://host[:port] without a path, e.g. " + DEFAULT_GRAPH_BASE_URL;
        if (graphBaseUrl == null || graphBaseUrl.isBlank()) {
            throw new IllegalArgumentException("graphBaseUrl is empty" + accepted);
        }
        String trimmed = graphBaseUrl.strip();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("graphBaseUrl '" + graphBaseUrl + "' is not a URL" + accepted, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !pathless
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("graphBaseUrl '" + graphBaseUrl + "' is not accepted" + accepted);
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The token scope for a Graph base URL: its own for Microsoft's hosts, public Graph's for any other. */
    static String defaultTokenScope(String graphBaseUrl) {
        String host = URI.create(graphBaseUrl).getHost().toLowerCase(Locale.ROOT);
        return (MICROSOFT_GRAPH_HOSTS.contains(host) ? graphBaseUrl : DEFAULT_GRAPH_BASE_URL) + "/.default";
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, was " + value.toMillis() + " ms");
        }
    }

    /** Builds {@link GraphClientSettings}; every setter returns the builder. */
    public static final class Builder {
        private String graphBaseUrl = DEFAULT_GRAPH_BASE_URL;
        private String tokenScope;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(100);
        private int maxRetries = 6;
        private Duration retryBaseDelay = Duration.ofSeconds(1);
        private Duration retryMaxDelay = Duration.ofSeconds(60);
        private int maxConcurrentMailboxes = 8;
        private int maxRequestsPerMailbox = OUTLOOK_CONCURRENT_REQUESTS_PER_MAILBOX;
        private HttpClient.Version httpVersion = HttpClient.Version.HTTP_2;
        private SSLContext sslContext;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private String userAgent = "camel-office365";

        private Builder() {
        }

        public Builder graphBaseUrl(String graphBaseUrl) {
            this.graphBaseUrl = graphBaseUrl;
            return this;
        }

        public Builder tokenScope(String tokenScope) {
            this.tokenScope = tokenScope;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        public Builder retryMaxDelay(Duration retryMaxDelay) {
            this.retryMaxDelay = retryMaxDelay;
            return this;
        }

        public Builder maxConcurrentMailboxes(int maxConcurrentMailboxes) {
            this.maxConcurrentMailboxes = maxConcurrentMailboxes;
            return this;
        }

        public Builder maxRequestsPerMailbox(int maxRequestsPerMailbox) {
            this.maxRequestsPerMailbox = maxRequestsPerMailbox;
            return this;
        }

        public Builder httpVersion(HttpClient.Version httpVersion) {
            this.httpVersion = httpVersion;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is not accepted */
        public GraphClientSettings build() {
            return new GraphClientSettings(graphBaseUrl, tokenScope, connectTimeout, requestTimeout, maxRetries,
                    retryBaseDelay, retryMaxDelay, maxConcurrentMailboxes, maxRequestsPerMailbox, httpVersion,
                    sslContext, clock, sleeper, userAgent);
        }
    }
}
