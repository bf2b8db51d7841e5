package io.github.cameloffice365.simulator.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.cameloffice365.simulator.tenant.TenantApplication;

/**
 * Which redirect URIs an application accepts: those registered for it, compared exactly, except that a loopback
 * {@code http} URI matches on any port (RFC 8252 section 7.3), so a page on a port chosen at start can be registered
 * once as {@code http://127.0.0.1/approvals}.
 */
public final class RedirectUris {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    private RedirectUris() {
    }

    /** Whether the application registered this redirect URI. */
    public static boolean isRegistered(TenantApplication application, String redirectUri) {
        return redirectUri != null && application.redirectUris().stream()
                .anyMatch(registered -> matches(registered, redirectUri));
    }

    /** The origins ({@code scheme://host:port}) a browser may send a cross-origin token request from. */
    public static boolean isRegisteredOrigin(List<TenantApplication> applications, String origin) {
        Optional<URI> asked = parse(origin);
        if (asked.isEmpty()) {
            return false;
        }
        for (TenantApplication application : applications) {
            for (String registered : application.redirectUris()) {
                Optional<URI> uri = parse(registered);
                if (uri.isPresent() && sameOrigin(uri.get(), asked.get())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean matches(String registered, String asked) {
        if (registered.equals(asked)) {
            return true;
        }
        Optional<URI> r = parse(registered);
        Optional<URI> a = parse(asked);
        return r.isPresent() && a.isPresent() && isLoopbackHttp(r.get()) && isLoopbackHttp(a.get())
               && r.get().getHost().equalsIgnoreCase(a.get().getHost())
               && r.get().getRawPath().equals(a.get().getRawPath())
               && java.util.Objects.equals(r.get().getRawQuery(), a.get().getRawQuery());
    }

    private static boolean sameOrigin(URI registered, URI origin) {
        if (!registered.getScheme().equalsIgnoreCase(origin.getScheme())
                || !registered.getHost().equalsIgnoreCase(origin.getHost())) {
            return false;
        }
        return isLoopbackHttp(registered) || port(registered) == port(origin);
    }

    private static boolean isLoopbackHttp(URI uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
               && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
