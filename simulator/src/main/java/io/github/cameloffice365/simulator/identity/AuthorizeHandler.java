package io.github.cameloffice365.simulator.identity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.http.UrlCodec;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantUser;

/**
 * The authorization endpoint of one tenant, {@code /{tenant}/oauth2/v2.0/authorize}: a minimal sign-in form for the
 * tenant's test users (those with a {@code _password} in the fixtures). It takes the authorization code flow with PKCE
 * of a registered public client: {@code client_id}, a registered {@code redirect_uri}, {@code response_type=code},
 * {@code code_challenge} with {@code code_challenge_method=S256}, {@code state}, {@code nonce} and {@code scope}. After
 * a good sign-in it redirects to the redirect URI with {@code code} and {@code state}.
 *
 * <p>An unknown client or an unregistered redirect URI gets an error page and no redirect; any other bad request is
 * sent back to the redirect URI as {@code error} and {@code error_description}, as OAuth 2.0 asks.
 */
public final class AuthorizeHandler implements HttpHandler {

    /** The field names of the sign-in form. */
    public static final String USERNAME_FIELD = "username";
    public static final String PASSWORD_FIELD = "password";
    private static final List<String> CARRIED = List.of("client_id", "response_type", "response_mode",
            "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method");
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final Tenant tenant;
    private final AuthorizationCodes codes;

    /** The sign-in form of this tenant, issuing these codes. */
    public AuthorizeHandler(Tenant tenant, AuthorizationCodes codes) {
        this.tenant = tenant;
        this.codes = codes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                Responses.send(exchange, 405, null, new byte[0]);
                return;
            }
            if (!isThisTenant(exchange)) {
                errorPage(exchange, 400, "AADSTS90002: Tenant not found. Check the tenant in the sign-in address.");
                return;
            }
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            Map<String, String> form = method.equals("POST") ? parameters(readForm(exchange)) : Map.of();
            if (method.equals("POST")) {
                parameters = new LinkedHashMap<>(parameters);
                for (String name : CARRIED) {
                    if (form.containsKey(name)) {
                        parameters.put(name, form.get(name));
                    }
                }
            }

            // an unknown client or an unregistered redirect URI must never be redirected to
            String clientId = parameters.get("client_id");
            Optional<TenantApplication> client = clientId == null ? Optional.empty() : tenant.application(clientId);
            if (client.isEmpty() || !client.get().isPublicClient()) {
                errorPage(exchange, 400, "AADSTS700016: Application with identifier '" + clientId
                        + "' was not found as a public client in the directory '" + tenant.displayName() + "'.");
                return;
            }
            String redirectUri = parameters.get("redirect_uri");
            if (!RedirectUris.isRegistered(client.get(), redirectUri)) {
                errorPage(exchange, 400, "AADSTS50011: The redirect URI '" + redirectUri + "' specified in the "
                        + "request does not match the redirect URIs configured for the application '" + clientId
                        + "'.");
                return;
            }
            String problem = problemOf(parameters);
            if (problem != null) {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("error", problem.substring(0, problem.indexOf(' ')));
                error.put("error_description", problem.substring(problem.indexOf(' ') + 1));
                redirect(exchange, redirectUri, error, parameters.get("state"));
                return;
            }

            if (method.equals("GET")) {
                signInForm(exchange, client.get(), parameters, null, "");
                return;
            }
            String username = form.getOrDefault(USERNAME_FIELD, "");
            Optional<TenantUser> user = UserCredentials.authenticate(tenant, username, form.get(PASSWORD_FIELD));
            if (user.isEmpty()) {
                signInForm(exchange, client.get(), parameters,
                        "Your account or password is incorrect.", username);
                return;
            }
            String code = codes.issue(tenant.tenantId(), client.get().clientId(), redirectUri,
                    parameters.get("code_challenge"), parameters.get("nonce"), user.get().id(), parameters.get("scope"));
            redirect(exchange, redirectUri, Map.of("code", code), parameters.get("state"));
        } finally {
            exchange.close();
        }
    }

    /** What is wrong with an authorization request of a known client, as "error description"; null if nothing. */
    private static String problemOf(Map<String, String> parameters) {
        if (!"code".equals(parameters.get("response_type"))) {
            return "unsupported_response_type AADSTS700054: response_type '" + parameters.get("response_type")
                   + "' is not enabled for the application; only 'code' is.";
        }
        String mode = parameters.get("response_mode");
        if (mode != null && !mode.equals("query")) {
            return "invalid_request AADSTS900144: response_mode '" + mode + "' is not supported here; use 'query'.";
        }
        if (parameters.get("code_challenge") == null) {
            return "invalid_request AADSTS9002325: Proof Key for Code Exchange is required for cross-origin "
                   + "authorization code redemption.";
        }
        if (!"S256".equals(parameters.get("code_challenge_method"))) {
            return "invalid_request AADSTS501491: Invalid code_challenge_method '"
                   + parameters.get("code_challenge_method") + "'; only S256 is accepted.";
        }
        for (String required : List.of("scope", "state", "nonce")) {
            if (parameters.get(required) == null) {
                return "invalid_request AADSTS900144: The request must contain the parameter '" + required + "'.";
            }
        }
        return null;
    }

    private boolean isThisTenant(HttpExchange exchange) {
        String path = UrlCodec.decodePath(exchange.getRequestURI().getRawPath());
        String name = path.substring(1).split("/", 2)[0];
        return name.equalsIgnoreCase(tenant.tenantId()) || name.equalsIgnoreCase(tenant.defaultDomain());
    }

    private void signInForm(HttpExchange exchange, TenantApplication client, Map<String, String> parameters,
            String error, String username) throws IOException {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Sign in to ").append(escape(tenant.displayName())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0}")
                .append("main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border:1px solid #ccc}")
                .append("label{display:block;margin-top:1rem}input{width:100%;box-sizing:border-box;padding:.4rem}")
                .append("button{margin-top:1.5rem;padding:.5rem 1.5rem}.error{color:#a4262c;font-weight:600}")
                .append("</style></head><body><main><h1>Sign in</h1><p>to <strong>")
                .append(escape(client.displayName())).append("</strong> in ").append(escape(tenant.displayName()))
                .append("</p>");
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\" id=\"sign-in-error\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"\">");
        for (String name : CARRIED) {
            if (parameters.get(name) != null) {
                html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(parameters.get(name))).append("\">");
            }
        }
        html.append("<label for=\"username\">Email or username</label>")
                .append("<input id=\"username\" name=\"").append(USERNAME_FIELD)
                .append("\" type=\"email\" autocomplete=\"username\" required value=\"").append(escape(username))
                .append("\"><label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"").append(PASSWORD_FIELD)
                .append("\" type=\"password\" autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\" id=\"sign-in-submit\">Sign in</button></form></main></body></html>");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        Responses.send(exchange, 200, "text/html; charset=utf-8",
                html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void errorPage(HttpExchange exchange, int status, String message) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in error</title>"
                      + "</head><body><h1>Sorry, but we're having trouble signing you in.</h1><p id=\"sign-in-error\">"
                      + escape(message) + "</p></body></html>";
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Responses.send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(HttpExchange exchange, String redirectUri, Map<String, String> answer, String state)
            throws IOException {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> parameters = new LinkedHashMap<>(answer);
        if (state != null) {
            parameters.put("state", state);
        }
        String query = String.join("&", parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        exchange.getResponseHeaders().set("Location", location.append(query).toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        Responses.send(exchange, 302, null, new byte[0]);
    }

    private static String readForm(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new IOException("The sign-in form is larger than " + MAX_FORM_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The parameters of a query or form, the first value of each name; empty values count as absent. */
    private static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : UrlCodec.parseQuery(raw)) {
            if (!entry.getValue().isEmpty()) {
                parameters.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
        return parameters;
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
