package io.github.cameloffice365.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App-only access tokens from Microsoft Entra ID (or any compatible token endpoint) through msal4j's client
 * credentials flow, with a client secret or a PKCS#12 certificate.
 *
 * <p>One msal4j {@link ConfidentialClientApplication} serves the whole configuration. The authority is
 * {@code authorityHost/tenantId/}; for a host that is not one of Microsoft's sign-in hosts, instance discovery and
 * authority validation are switched off so that msal4j calls no Microsoft host. Tokens are cached here, per scope,
 * until five minutes before they expire (msal4j's own cache does not hit for an authority on a port other than 443),
 * and concurrent callers of a scope share one token request.
 *
 * <p>Errors name the authority, the client id and msal4j's error code; never the secret, the certificate password or
 * a token.
 */
public final class MsalAccessTokenSource implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(MsalAccessTokenSource.class);

    /** Microsoft's sign-in hosts (public and national clouds), for which msal4j may run instance discovery. */
    private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Set.of(
            "login.microsoftonline.com", "login.microsoft.com", "login.windows.net", "sts.windows.net",
            "login.microsoftonline.us", "login.usgovcloudapi.net", "login.chinacloudapi.cn",
            "login.partner.microsoftonline.cn", "login.microsoftonline.de");
    /** A token is renewed this long before it expires (or at half its lifetime, if that comes first). */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final ConfidentialClientApplication application;
    private final String authority;
    private final String clientId;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;
    private final ConcurrentMap<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private MsalAccessTokenSource(Builder builder, IClientCredential credential, String authority) {
        this.authority = authority;
        this.clientId = builder.clientId;
        this.secret = builder.clientSecret;
        this.timeout = builder.timeout;
        this.clock = builder.clock;
        boolean microsoftHost = isMicrosoftAuthorityHost(authority);
        try {
            ConfidentialClientApplication.Builder app = ConfidentialClientApplication.builder(clientId, credential)
                    .authority(authority)
                    .instanceDiscovery(microsoftHost)
                    .validateAuthority(microsoftHost)
                    .connectTimeoutForDefaultHttpClient((int) timeout.toMillis())
                    .readTimeoutForDefaultHttpClient((int) timeout.toMillis());
            if (builder.sslContext != null) {
                app.sslSocketFactory(builder.sslContext.getSocketFactory());
            }
            this.application = app.build();
        } catch (MalformedURLException | RuntimeException e) {
            throw new IllegalArgumentException("authorityHost: msal4j does not accept the authority " + authority
                    + " for client id " + clientId + ": " + e.getMessage(), e);
        }
    }

    /** A builder; set the authority host, the tenant, the client id, and a secret or a certificate. */
    public static Builder builder() {
        return new Builder();
    }

    /** The authority tokens are requested from, e.g. {@code https://login.microsoftonline.com/<tenant>/}. */
    public String authority() {
        return authority;
    }

    /** The application (client) id of the service principal. */
    public String clientId() {
        return clientId;
    }

    @Override
    public String accessToken(String scope) {
        Objects.requireNonNull(scope, "scope");
        return tokens.computeIfAbsent(scope, CachedToken::new).get();
    }

    static boolean isMicrosoftAuthorityHost(String authority) {
        String host = URI.create(authority).getHost();
        return host != null && MICROSOFT_AUTHORITY_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The token of one scope; callers that find it stale wait for one shared renewal. */
    private final class CachedToken {
        private final String scope;
        private String token;
        private Instant renewAt = Instant.MIN;

        CachedToken(String scope) {
            this.scope = scope;
        }

        synchronized String get() {
            Instant now = clock.instant();
            if (token != null && now.isBefore(renewAt)) {
                return token;
            }
            IAuthenticationResult result = fetch();
            Instant expiresOn = result.expiresOnDate().toInstant();
            // a short-lived token is renewed at half its lifetime; one already expired (clock skew) is not reused
            Duration halfLife = Duration.between(now, expiresOn).dividedBy(2);
            Duration margin = halfLife.isNegative() ? Duration.ZERO
                    : halfLife.compareTo(REFRESH_MARGIN) < 0 ? halfLife : REFRESH_MARGIN;
            token = result.accessToken();
            renewAt = expiresOn.minus(margin);
            LOG.debug("Got an access token for scope {} from {} for client id {}, valid until {}", scope, authority,
                    clientId, expiresOn);
            return token;
        }

        private IAuthenticationResult fetch() {
            ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(scope))
                    // this class caches; msal4j's cache would miss anyway for an authority on a port other than 443
                    .skipCache(true)
                    .build();
            try {
                return application.acquireToken(parameters).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("interrupted while waiting for the token", null, null);
            } catch (TimeoutException e) {
                throw failure("no answer within " + timeout.toMillis() + " ms", null, null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String code = cause instanceof MsalException msal ? msal.errorCode() : null;
                String status = cause instanceof MsalServiceException service && service.statusCode() != null
                        && service.statusCode() > 0 ? " (HTTP " + service.statusCode() + ")" : "";
                String detail = (code == null ? cause.getClass().getSimpleName() : "msal error " + code) + status
                        + ": " + cause.getMessage();
                throw failure(detail, code, cause);
            }
        }

        private AccessTokenException failure(String detail, String code, Throwable cause) {
            String message = "Could not get an access token for scope " + scope + " from " + authority
                    + " for client id " + clientId + ": " + scrub(detail);
            return new AccessTokenException(message, code, containsSecret(cause) ? null : cause);
        }
    }

    /** Masks the client secret, should an identity provider ever echo it. */
    private String scrub(String text) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "****");
    }

    private boolean containsSecret(Throwable cause) {
        if (secret == null || secret.isEmpty()) {
            return false;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds a {@link MsalAccessTokenSource}. {@link #build()} checks the values and reads the certificate file, so a
     * wrong path or password shows when the endpoint starts; the messages name the endpoint options.
     */
    public static final class Builder {
        private String authorityHost = "https://login.microsoftonline.com";
        private String tenantId;
        private String clientId;
        private String clientSecret;
        private Path certificatePath;
        private String certificatePassword;
        private SSLContext sslContext;
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The sign-in host, e.g. {@code https://login.microsoftonline.com} (option authorityHost). */
        public Builder authorityHost(String authorityHost) {
            this.authorityHost = authorityHost;
            return this;
        }

        /**
         * The tenant whose token endpoint issues the tokens. A token for Graph must come from the tenant that owns the
         * data (option office365TenantId); in the usual setup it is also the service principal's own tenant
         * (option servicePrincipalTenantId).
         */
        public Builder tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** The application (client) id (option servicePrincipalId). */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /** The client secret (option servicePrincipalKey); set this or a certificate. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * A PKCS#12 file with the certificate and its private key, and the file's password (options
         * servicePrincipalCertificatePath and servicePrincipalCertificatePassword); set this or a secret.
         */
        public Builder certificate(Path pkcs12File, String password) {
            this.certificatePath = pkcs12File;
            this.certificatePassword = password;
            return this;
        }

        /** The TLS configuration for the token endpoint; null for the JVM's default. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** How long to wait for the token endpoint (connect, read, and the whole token request). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The clock token lifetimes are measured with. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws IllegalArgumentException naming the option that is missing or not accepted */
        public MsalAccessTokenSource build() {
            String host = requireAuthorityHost(authorityHost);
            if (tenantId == null || tenantId.isBlank()) {
                throw new IllegalArgumentException(
                        "the tenant id is required (option office365TenantId or servicePrincipalTenantId)");
            }
            if (!tenantId.strip().matches("[A-Za-z0-9.\\-_]+")) {
                throw new IllegalArgumentException("the tenant id '" + tenantId + "' (option office365TenantId or"
                        + " servicePrincipalTenantId) is not accepted; expected a tenant id (GUID) or a domain name"
                        + " such as contoso.onmicrosoft.com");
            }
            requireText("servicePrincipalId", clientId);
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(clock, "clock");
            String authority = host + "/" + tenantId.strip() + "/";
            return new MsalAccessTokenSource(this, credential(), authority);
        }

        private IClientCredential credential() {
            boolean hasSecret = clientSecret != null && !clientSecret.isEmpty();
            boolean hasCertificate = certificatePath != null;
            if (hasSecret == hasCertificate) {
                throw new IllegalArgumentException(hasSecret
                        ? "servicePrincipalKey and servicePrincipalCertificatePath are both set; set only one of them"
                        : "servicePrincipalKey or servicePrincipalCertificatePath is required for client id " + clientId
                                + "; set one of them");
            }
            if (hasSecret) {
                return ClientCredentialFactory.createFromSecret(clientSecret);
            }
            try (InputStream in = Files.newInputStream(certificatePath)) {
                return ClientCredentialFactory.createFromCertificate(in,
                        certificatePassword == null ? "" : certificatePassword);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("servicePrincipalCertificatePath '" + certificatePath
                        + "': cannot load a certificate and private key from this PKCS#12 file with the given"
                        + " servicePrincipalCertificatePassword (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")", e);
            }
        }

        private static String requireAuthorityHost(String authorityHost) {
            String accepted = "; expected https://host[:port] without a path, e.g. https://login.microsoftonline.com";
            requireText("authorityHost", authorityHost);
            URI uri;
            try {
                uri = URI.create(authorityHost.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("authorityHost '" + authorityHost + "' is not a URL" + accepted, e);
            }
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || !pathless
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("authorityHost '" + authorityHost + "' is not accepted" + accepted);
            }
            String text = authorityHost.strip();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }

        private static void requireText(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(option + " is required");
            }
        }
    }
}
