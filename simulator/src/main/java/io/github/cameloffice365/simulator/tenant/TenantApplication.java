package io.github.cameloffice365.simulator.tenant;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application registered in the tenant: it signs in with its client secret or with a client assertion signed
 * by one of its certificates, and gets app-only tokens carrying its application roles.
 */
public final class TenantApplication {

    /** The application roles a registered app holds unless told otherwise: what an MGDC-style extraction needs. */
    public static final List<String> DEFAULT_ROLES = List.of("User.Read.All", "GroupMember.Read.All", "Mail.Read",
            "Calendars.Read", "Contacts.Read", "MailboxSettings.Read");

    private final String clientId;
    private final String displayName;
    private final String clientSecret;
    private final List<String> ownerIds;
    private final List<String> roles;
    private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();

    /**
     * A registered application.
     *
     * @param clientId the application (client) id
     * @param displayName its display name
     * @param clientSecret its secret, or {@code null} when it signs in with certificates only
     * @param ownerIds the user ids of its owners
     * @param roles the application roles put in its tokens
     */
    public TenantApplication(String clientId, String displayName, String clientSecret, List<String> ownerIds,
            List<String> roles) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.displayName = displayName == null ? clientId : displayName;
        this.clientSecret = clientSecret;
        this.ownerIds = List.copyOf(ownerIds);
        this.roles = List.copyOf(roles);
    }

    /** An application with the default roles. */
    public TenantApplication(String clientId, String displayName, String clientSecret, List<String> ownerIds) {
        this(clientId, displayName, clientSecret, ownerIds, DEFAULT_ROLES);
    }

    /** The application (client) id. */
    public String clientId() {
        return clientId;
    }

    /** The display name. */
    public String displayName() {
        return displayName;
    }

    /** The client secret, or {@code null}. Never log it. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The owners' user ids. */
    public List<String> ownerIds() {
        return ownerIds;
    }

    /** The application roles of its app-only tokens. */
    public List<String> roles() {
        return roles;
    }

    /** The certificates whose keys may sign its client assertions. */
    public List<X509Certificate> certificates() {
        return List.copyOf(certificates);
    }

    /** Registers a certificate for client-assertion sign-in (it may be done while the simulator runs). */
    public void addCertificate(X509Certificate certificate) {
        certificates.add(Objects.requireNonNull(certificate, "certificate"));
    }

    @Override
    public String toString() {
        return "TenantApplication[clientId=" + clientId + ", displayName=" + displayName + "]";
    }
}
