package io.github.cameloffice365.governance.approval;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The settings of the approvers' REST API and page: which Entra ID authority signs approvers in, which application
 * they sign in to, and which group they must belong to. Every option is checked by {@link #validate()}, before any
 * network call, with a message that names the option, the value and what is accepted.
 */
public class ApproversConfiguration {

    private static final Pattern OBJECT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SCOPE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,120}");

    private String authority;
    private String tenantId;
    private String clientId;
    private String scope = "access_as_user";
    private String approverGroupId;
    private String graphBaseUrl = "https://graph.microsoft.com";
    private Duration membershipCacheTtl = Duration.ofSeconds(60);
    private Duration clockSkew = Duration.ofSeconds(60);

    /**
     * The Entra ID authority that signs approvers in, without the version segment: {@code
     * https://login.microsoftonline.com/<tenantId>}. Its OpenID Connect metadata is read from {@code
     * <authority>/v2.0/.well-known/openid-configuration}. Must be https.
     */
    public String getAuthority() {
        return authority;
    }

    public void setAuthority(String authority) {
        this.authority = authority;
    }

    /** The directory (tenant) id of the approvers; a token from any other tenant is refused. */
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /**
     * The application (client) id of the approvers' app registration: a public client whose redirect URI is the
     * approvals page. Access tokens must be issued to this app (audience the client id or {@code api://<client id>}).
     */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /**
     * The delegated permission (scope) the approvers' app exposes and every access token must carry in its {@code scp}
     * claim. The page asks for {@code api://<client id>/<scope>}.
     */
    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    /**
     * The object id of the approver group: only its members (direct or nested), and never guests, may see and decide
     * consent requests. Checked through Microsoft Graph with the application's own token.
     */
    public String getApproverGroupId() {
        return approverGroupId;
    }

    public void setApproverGroupId(String approverGroupId) {
        this.approverGroupId = approverGroupId;
    }

    /** The Microsoft Graph base URL the approver group is read from, without the version segment. */
    public String getGraphBaseUrl() {
        return graphBaseUrl;
    }

    public void setGraphBaseUrl(String graphBaseUrl) {
        this.graphBaseUrl = graphBaseUrl;
    }

    /** How long the members of the approver group are remembered before Graph is asked again. */
    public Duration getMembershipCacheTtl() {
        return membershipCacheTtl;
    }

    public void setMembershipCacheTtl(Duration membershipCacheTtl) {
        this.membershipCacheTtl = membershipCacheTtl;
    }

    /** The clock difference tolerated when checking a token's {@code exp} and {@code nbf} claims. */
    public Duration getClockSkew() {
        return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
    }

    /** The audience the page asks tokens for: {@code api://<client id>}. */
    public String applicationIdUri() {
        return "api://" + clientId;
    }

    /** The OpenID Connect discovery document of the authority. */
    public URI metadataUri() {
        return URI.create(trimSlash(authority) + "/v2.0/.well-known/openid-configuration");
    }

    /** The Graph base URL without a trailing slash. */
    public String graphBase() {
        return trimSlash(graphBaseUrl);
    }

    /**
     * Checks every option.
     *
     * @throws IllegalArgumentException naming the first wrong option, its value and what is accepted
     */
    public void validate() {
        requireHttps("authority", authority);
        requireObjectId("tenantId", tenantId);
        requireObjectId("clientId", clientId);
        requireObjectId("approverGroupId", approverGroupId);
        requireHttps("graphBaseUrl", graphBaseUrl);
        if (scope == null || !SCOPE_NAME.matcher(scope).matches()) {
            throw new IllegalArgumentException("Option scope has the value '" + scope
                    + "'; accepted is the name of one delegated permission of the approvers' app (letters, digits,"
                    + " '_', '.', '-'), for example access_as_user");
        }
        requirePositive("membershipCacheTtl", membershipCacheTtl);
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("Option clockSkew has the value '" + clockSkew
                    + "'; accepted is a duration from 0 to 10 minutes");
        }
    }

    private static void requireHttps(String option, String value) {
        URI uri;
        try {
            uri = value == null ? null : new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
            throw new IllegalArgumentException("Option " + option + " has the value '" + value
                    + "'; accepted is an absolute https URL without a query");
        }
    }

    private static void requireObjectId(String option, String value) {
        if (value == null || !OBJECT_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("Option " + option + " has the value '" + value
                    + "'; accepted is an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)");
        }
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Option " + option + " has the value '" + value
                    + "'; accepted is a positive duration such as PT60S");
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
