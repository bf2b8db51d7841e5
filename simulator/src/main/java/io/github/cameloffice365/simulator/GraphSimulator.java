package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.cameloffice365.simulator.faults.Faults;
import io.github.cameloffice365.simulator.graph.GraphApiHandler;
import io.github.cameloffice365.simulator.graph.GraphGate;
import io.github.cameloffice365.simulator.graph.MailboxThrottle;
import io.github.cameloffice365.simulator.graph.ScriptedPages;
import io.github.cameloffice365.simulator.identity.ClientAuthenticator;
import io.github.cameloffice365.simulator.identity.ClientCredentialsGrant;
import io.github.cameloffice365.simulator.identity.GrantHandler;
import io.github.cameloffice365.simulator.identity.GrantTypeRegistry;
import io.github.cameloffice365.simulator.identity.IdentityHandler;
import io.github.cameloffice365.simulator.identity.SelfSignedCertificate;
import io.github.cameloffice365.simulator.identity.TokenIssuer;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A Microsoft Graph v1.0 compatible HTTPS server on 127.0.0.1 serving a {@link Tenant}: the identity platform's
 * token endpoint and OpenID documents at {@code /{tenant}/...}, Graph at {@code /v1.0/...} (paging with byte-exact
 * nextLinks, OData query options, Graph's errors, Outlook's throttling), scripted faults and pages, and a log of
 * every request. The TLS certificate is made at start and trusted by {@link #sslContext()}.
 *
 * <pre>{@code
 * try (GraphSimulator graph = GraphSimulator.builder().tenant(tenant).build().start()) {
 *     String base = graph.baseUrl();          // https://127.0.0.1:PORT
 *     ...
 * }
 * }</pre>
 */
public final class GraphSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSimulator.class);
    private static final String GRAPH_RESOURCE = "https://graph.microsoft.com";

    private final Tenant tenant;
    private final int requestedPort;
    private final int workerThreads;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final SelfSignedCertificate serverCertificate = SelfSignedCertificate.forLoopbackServer();
    private final TokenIssuer tokenIssuer;
    private final ClientAuthenticator clientAuthenticator;
    private final GrantTypeRegistry grantTypes = new GrantTypeRegistry();
    private final MailboxThrottle throttle;
    private final Faults faults = new Faults();
    private final ScriptedPages scriptedPages = new ScriptedPages();
    private final RequestLog requestLog;
    private final GraphApiHandler graphHandler;
    private final Map<String, HttpHandler> mounts = new LinkedHashMap<>();
    private HttpsServer server;
    private ExecutorService executor;
    private volatile String baseUrl;

    private GraphSimulator(Builder builder) {
        this.tenant = builder.tenant != null ? builder.tenant : Tenant.builder().build();
        this.requestedPort = builder.port;
        this.workerThreads = builder.workerThreads;
        this.clock = builder.clock;
        this.tokenLifetime = builder.tokenLifetime;
        this.tokenIssuer = new TokenIssuer(clock);
        this.clientAuthenticator = new ClientAuthenticator(clock);
        this.throttle = new MailboxThrottle(builder.maxConcurrentPerMailbox, builder.maxRequestsPerMailbox,
                builder.throttleWindow, clock);
        this.requestLog = new RequestLog(builder.requestLogLimit);
        this.graphHandler = new GraphApiHandler(tenant, this::baseUrl, scriptedPages);
        grantTypes.register("client_credentials",
                new ClientCredentialsGrant(tokenIssuer, clientAuthenticator, tokenLifetime));
        builder.grantTypes.forEach((type, factory) -> grantTypes.register(type, factory.apply(this)));

        IdentityHandler identity = new IdentityHandler(tenant, this::baseUrl, grantTypes, tokenIssuer);
        mounts.put("/" + tenant.tenantId() + "/", identity);
        if (tenant.defaultDomain() != null) {
            mounts.put("/" + tenant.defaultDomain() + "/", identity);
        }
        mounts.put("/v1.0/", graphHandler);
        builder.handlers.forEach((prefix, factory) -> mounts.put(prefix, factory.apply(this)));
    }

    /** A builder; without a tenant the simulator serves an empty tenant with one registered application. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and starts serving; returns this simulator. */
    public synchronized GraphSimulator start() {
        if (server != null) {
            throw new IllegalStateException("The simulator is already started at " + baseUrl);
        }
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(serverSslContext()));
        server.createContext("/", new SimulatorDispatcher(Map.copyOf(mounts),
                new GraphGate(tenant, tokenIssuer, throttle, this::baseUrl), faults, requestLog, clock));
        executor = Executors.newFixedThreadPool(workerThreads, daemonThreads());
        server.setExecutor(executor);
        server.start();
        baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
        LOG.info("Graph simulator serving tenant '{}' ({}) at {}", tenant.displayName(), tenant.tenantId(), baseUrl);
        return this;
    }

    /** Stops the server. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            LOG.info("Graph simulator at {} stopped", baseUrl);
        }
    }

    /** The base URL without {@code /v1.0}, e.g. {@code https://127.0.0.1:50123}. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("The simulator is not started: call start() first");
        }
        return url;
    }

    /** The identity platform's host: the same server ({@code <authorityHost>/<tenant>/oauth2/v2.0/token}). */
    public String authorityHost() {
        return baseUrl();
    }

    /** The authority of the tenant for msal4j: {@code <base>/<tenantId>/}. */
    public String authority() {
        return baseUrl() + "/" + tenant.tenantId() + "/";
    }

    /** The port the server listens on. */
    public int port() {
        return server == null ? requestedPort : server.getAddress().getPort();
    }

    /** The tenant id. */
    public String tenantId() {
        return tenant.tenantId();
    }

    /** The tenant served. */
    public Tenant tenant() {
        return tenant;
    }

    /** The client id of the tenant's first registered application. */
    public String applicationClientId() {
        return defaultApplication().clientId();
    }

    /** The client secret of the tenant's first registered application. Never log it. */
    public String applicationClientSecret() {
        return defaultApplication().clientSecret();
    }

    private TenantApplication defaultApplication() {
        return tenant.applications().get(0);
    }

    /** An SSL context that trusts this server's certificate (and nothing else). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the client SSL context: " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 trust store holding this server's certificate under the alias {@code graph-simulator}. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("graph-simulator", serverCertificate.certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the trust store: " + e.getMessage(), e);
        }
    }

    /** Writes {@link #trustStore()} as a PKCS#12 file. */
    public void writeTrustStore(Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The server's certificate. */
    public X509Certificate serverCertificate() {
        return serverCertificate.certificate();
    }

    /**
     * Makes a key and certificate for the first registered application, registers the certificate for client
     * assertions, and writes both as a PKCS#12 file (alias {@code client}).
     */
    public X509Certificate writeClientCertificate(Path file, char[] password) throws IOException {
        TenantApplication application = defaultApplication();
        SelfSignedCertificate certificate = SelfSignedCertificate.forApplication(application.displayName());
        application.addCertificate(certificate.certificate());
        certificate.writePkcs12(file, "client", password);
        return certificate.certificate();
    }

    /** A valid Graph access token of the first registered application. */
    public String accessToken() {
        return accessToken(GRAPH_RESOURCE);
    }

    /** A valid access token of the first registered application for a resource (e.g. {@code https://storage.azure.com}). */
    public String accessToken(String resource) {
        ObjectNode claims = tokenIssuer.appOnlyClaims(tenant.tenantId(), defaultApplication(), resource,
                tokenLifetime, false);
        return tokenIssuer.mint(claims);
    }

    /** The issuer of the simulator's tokens (mint and verify). */
    public TokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    /** Authenticates confidential clients; for grant handlers added by other parts. */
    public ClientAuthenticator clientAuthenticator() {
        return clientAuthenticator;
    }

    /** The grant types of the token endpoint; register more at any time. */
    public GrantTypeRegistry grantTypes() {
        return grantTypes;
    }

    /** The token lifetime. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The scripted faults. */
    public Faults faults() {
        return faults;
    }

    /**
     * Serves exactly these pages for GETs of paths matching the pattern (e.g. {@code /v1.0/users/{id}/messages}),
     * each page but the last with a nextLink; empty pages are served as {@code "value": []}.
     */
    public void scriptPages(String pathPattern, List<List<ObjectNode>> pages) {
        scriptedPages.script(pathPattern, pages);
    }

    /** Caps the page size of collections at paths matching the pattern. */
    public void pageSize(String pathPattern, int size) {
        scriptedPages.pageSize(pathPattern, size);
    }

    /** The requests received, oldest first. */
    public List<RecordedRequest> requests() {
        return requestLog.snapshot();
    }

    /** The requests that read a user's data (see {@link RecordedRequest#isDataRequest()}). */
    public List<RecordedRequest> dataRequests() {
        return requests().stream().filter(RecordedRequest::isDataRequest).toList();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        requestLog.clear();
    }

    /** Clears faults, scripted pages, page sizes, the request log, throttle counts and page cursors. */
    public void reset() {
        faults.clear();
        scriptedPages.clear();
        requestLog.clear();
        throttle.reset();
        graphHandler.forgetPageCursors();
    }

    private SSLContext serverSslContext() {
        try {
            char[] password = "simulator".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(serverCertificate.toKeyStore("server", password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the server SSL context: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "graph-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Configures a {@link GraphSimulator}.
     */
    public static final class Builder {

        private Tenant tenant;
        private int port;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = Duration.ofHours(1);
        private int maxConcurrentPerMailbox = 4;
        private int maxRequestsPerMailbox = 10_000;
        private Duration throttleWindow = Duration.ofMinutes(10);
        private int requestLogLimit = 100_000;
        private int workerThreads = 32;
        private final Map<String, Function<GraphSimulator, HttpHandler>> handlers = new LinkedHashMap<>();
        private final Map<String, Function<GraphSimulator, GrantHandler>> grantTypes = new LinkedHashMap<>();

        private Builder() {
        }

        /** The tenant to serve. */
        public Builder tenant(Tenant value) {
            this.tenant = Objects.requireNonNull(value, "tenant");
            return this;
        }

        /** The tenant in the classpath folder {@code tenants/<name>/}. */
        public Builder tenant(String classpathName) {
            return tenant(TenantFixtures.fromClasspath(classpathName));
        }

        /** A fixed port; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /** The clock of token lifetimes and throttle windows. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The lifetime of issued access tokens ({@code expires_in}); default one hour. */
        public Builder tokenLifetime(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive, got " + value);
            }
            this.tokenLifetime = value;
            return this;
        }

        /** Requests in flight per application and mailbox before 429; default 4. */
        public Builder maxConcurrentRequestsPerMailbox(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentRequestsPerMailbox must be at least 1, got " + value);
            }
            this.maxConcurrentPerMailbox = value;
            return this;
        }

        /** Requests per application and mailbox per window before 429; default 10,000 per 10 minutes. */
        public Builder mailboxRequestLimit(int maxRequests, Duration window) {
            if (maxRequests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("mailboxRequestLimit needs at least 1 request and a positive "
                        + "window, got " + maxRequests + " per " + window);
            }
            this.maxRequestsPerMailbox = maxRequests;
            this.throttleWindow = window;
            return this;
        }

        /** How many requests the log keeps (oldest forgotten first); 0 keeps none. Default 100,000. */
        public Builder requestLogLimit(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("requestLogLimit must be 0 or more, got " + value);
            }
            this.requestLogLimit = value;
            return this;
        }

        /** Threads serving requests at once (more requests wait in line); default 32. */
        public Builder workerThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1, got " + value);
            }
            this.workerThreads = value;
            return this;
        }

        /** Mounts a handler for paths starting with the prefix (the longest matching prefix wins). */
        public Builder handler(String pathPrefix, HttpHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return handler(pathPrefix, simulator -> handler);
        }

        /** Mounts a handler made from the simulator (for handlers that need its base URL or token issuer). */
        public Builder handler(String pathPrefix, Function<GraphSimulator, HttpHandler> factory) {
            if (pathPrefix == null || !pathPrefix.startsWith("/")) {
                throw new IllegalArgumentException("A handler's path prefix starts with '/', got '" + pathPrefix + "'");
            }
            handlers.put(pathPrefix, Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Adds a grant type to the token endpoint, its handler made from the simulator. */
        public Builder grantType(String grantType, Function<GraphSimulator, GrantHandler> factory) {
            grantTypes.put(Objects.requireNonNull(grantType, "grantType"), Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** The simulator, not yet started. */
        public GraphSimulator build() {
            return new GraphSimulator(this);
        }

        /** Builds and starts the simulator. */
        public GraphSimulator start() {
            return build().start();
        }
    }
}
