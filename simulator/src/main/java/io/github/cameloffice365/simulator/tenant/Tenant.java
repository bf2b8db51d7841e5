package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Microsoft 365 tenant as the simulator serves it: its registered applications, users, groups, other directory
 * objects (devices, org contacts) and the users' mailboxes. Built from fixtures ({@link TenantFixtures}), generated
 * ({@link GeneratedTenant}) or put together by a test through {@link #builder()}. Immutable once built, except
 * that certificates may be registered for its applications.
 */
public final class Tenant {

    private final String tenantId;
    private final String displayName;
    private final String defaultDomain;
    private final String officeRegion;
    private final List<TenantApplication> applications;
    private final List<TenantUser> users;
    private final Map<String, TenantUser> usersByKey;
    private final Map<String, TenantGroup> groups;
    private final Map<String, ObjectNode> directoryObjects;
    private final Map<String, Mailbox> mailboxes;

    private Tenant(Builder builder) {
        this.tenantId = builder.tenantId;
        this.displayName = builder.displayName;
        this.defaultDomain = builder.defaultDomain;
        this.officeRegion = builder.officeRegion;
        this.applications = List.copyOf(builder.applications);
        this.users = List.copyOf(builder.users.values());
        this.usersByKey = new HashMap<>();
        for (TenantUser user : users) {
            usersByKey.put(user.id().toLowerCase(Locale.ROOT), user);
            if (user.userPrincipalName() != null) {
                usersByKey.put(user.userPrincipalName().toLowerCase(Locale.ROOT), user);
            }
        }
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(builder.groups));
        this.directoryObjects = Collections.unmodifiableMap(new LinkedHashMap<>(builder.directoryObjects));
        Map<String, Mailbox> built = new HashMap<>();
        builder.mailboxes.forEach((userId, parts) -> built.put(userId, parts.toMailbox()));
        this.mailboxes = Collections.unmodifiableMap(built);
    }

    /** A builder for a tenant put together in code. */
    public static Builder builder() {
        return new Builder();
    }

    /** The tenant (directory) id, a GUID. */
    public String tenantId() {
        return tenantId;
    }

    /** The organisation's display name. */
    public String displayName() {
        return displayName;
    }

    /** The default domain, e.g. {@code contoso.test}. */
    public String defaultDomain() {
        return defaultDomain;
    }

    /** The Office 365 region of the tenant, e.g. {@code Europe}. */
    public String officeRegion() {
        return officeRegion;
    }

    /** The registered applications; the first one is the one the simulator hands out by default. */
    public List<TenantApplication> applications() {
        return applications;
    }

    /** The application with this client id. */
    public Optional<TenantApplication> application(String clientId) {
        return applications.stream().filter(app -> app.clientId().equalsIgnoreCase(clientId)).findFirst();
    }

    /** The users in fixture order. */
    public List<TenantUser> users() {
        return users;
    }

    /** The user with this id or user principal name (case-insensitive). */
    public Optional<TenantUser> user(String idOrUserPrincipalName) {
        return Optional.ofNullable(usersByKey.get(idOrUserPrincipalName.toLowerCase(Locale.ROOT)));
    }

    /** The groups by id, in fixture order. */
    public Map<String, TenantGroup> groups() {
        return groups;
    }

    /** The group with this id (case-insensitive). */
    public Optional<TenantGroup> group(String id) {
        TenantGroup group = groups.get(id);
        if (group == null) {
            group = groups.values().stream().filter(g -> g.id().equalsIgnoreCase(id)).findFirst().orElse(null);
        }
        return Optional.ofNullable(group);
    }

    /** Directory objects other than users and groups (devices, org contacts), each with {@code @odata.type}. */
    public Map<String, ObjectNode> directoryObjects() {
        return directoryObjects;
    }

    /** The mailbox of a user; an Exchange Online user without fixture content has an empty one. */
    public Mailbox mailbox(String userId) {
        return mailboxes.getOrDefault(userId, Mailbox.empty());
    }

    /** The users whose manager is this user, in fixture order. */
    public List<TenantUser> directReports(String managerId) {
        List<TenantUser> reports = new ArrayList<>();
        for (TenantUser user : users) {
            if (managerId.equalsIgnoreCase(user.managerId())) {
                reports.add(user);
            }
        }
        return reports;
    }

    /**
     * Builds a {@link Tenant}. Without an application, one is registered with a random client id and secret.
     */
    public static final class Builder {

        private String tenantId = UUID.randomUUID().toString();
        private String displayName = "Simulated Organisation";
        private String defaultDomain = "contoso.test";
        private String officeRegion = "Europe";
        private final List<TenantApplication> applications = new ArrayList<>();
        private final Map<String, TenantUser> users = new LinkedHashMap<>();
        private final Map<String, TenantGroup> groups = new LinkedHashMap<>();
        private final Map<String, ObjectNode> directoryObjects = new LinkedHashMap<>();
        private final Map<String, MailboxParts> mailboxes = new HashMap<>();

        private Builder() {
        }

        /** The tenant id (a GUID). */
        public Builder tenantId(String tenantId) {
            this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
            return this;
        }

        /** The organisation's display name. */
        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** The default domain. */
        public Builder defaultDomain(String defaultDomain) {
            this.defaultDomain = defaultDomain;
            return this;
        }

        /** The Office 365 region. */
        public Builder officeRegion(String officeRegion) {
            this.officeRegion = officeRegion;
            return this;
        }

        /** Registers an application. */
        public Builder application(TenantApplication application) {
            applications.add(Objects.requireNonNull(application, "application"));
            return this;
        }

        /** Adds a user from a fixture-style object (Graph user properties plus {@code _mailbox}, ...). */
        public Builder user(ObjectNode fixtureUser) {
            return user(TenantUser.fromFixture(fixtureUser));
        }

        /** Adds a user. */
        public Builder user(TenantUser user) {
            if (users.putIfAbsent(user.id(), user) != null) {
                throw new IllegalArgumentException("Two users have the id " + user.id());
            }
            return this;
        }

        /** Adds a group. */
        public Builder group(TenantGroup group) {
            groups.put(group.id(), group);
            return this;
        }

        /** Adds a device or org contact; it must carry {@code id} and {@code @odata.type}. */
        public Builder directoryObject(ObjectNode object) {
            if (!object.hasNonNull("id") || !object.hasNonNull("@odata.type")) {
                throw new IllegalArgumentException("A directory object needs \"id\" and \"@odata.type\": " + object);
            }
            ObjectNode copy = object.deepCopy();
            TenantUser.removeMetadata(copy);
            directoryObjects.put(copy.get("id").asText(), copy);
            return this;
        }

        /** The messages of a user (all folders; each may name its {@code _folder}). */
        public Builder messages(String userId, ItemSource messages) {
            parts(userId).messages = messages;
            return this;
        }

        /** The messages of a user, held in memory. */
        public Builder messages(String userId, List<ObjectNode> messages) {
            return messages(userId, ItemSource.of(messages));
        }

        /** The events of a user. */
        public Builder events(String userId, ItemSource events) {
            parts(userId).events = events;
            return this;
        }

        /** The events of a user, held in memory. */
        public Builder events(String userId, List<ObjectNode> events) {
            return events(userId, ItemSource.of(events));
        }

        /** The contacts of a user. */
        public Builder contacts(String userId, ItemSource contacts) {
            parts(userId).contacts = contacts;
            return this;
        }

        /** The contacts of a user, held in memory. */
        public Builder contacts(String userId, List<ObjectNode> contacts) {
            return contacts(userId, ItemSource.of(contacts));
        }

        /** The mailbox settings of a user. */
        public Builder mailboxSettings(String userId, ObjectNode settings) {
            parts(userId).settings = settings.deepCopy();
            return this;
        }

        private MailboxParts parts(String userId) {
            return mailboxes.computeIfAbsent(userId, id -> new MailboxParts());
        }

        /** The tenant; fails when a manager, group member or mailbox names an unknown object. */
        public Tenant build() {
            if (applications.isEmpty()) {
                applications.add(new TenantApplication(UUID.randomUUID().toString(), "camel-office365",
                        UUID.randomUUID().toString(), List.of()));
            }
            checkReferences();
            return new Tenant(this);
        }

        private void checkReferences() {
            for (TenantUser user : users.values()) {
                if (user.managerId() != null && !users.containsKey(user.managerId())) {
                    throw new IllegalArgumentException("User " + user.id() + " has an unknown _manager "
                            + user.managerId());
                }
            }
            for (TenantGroup group : groups.values()) {
                for (String member : group.memberIds()) {
                    if (!users.containsKey(member) && !groups.containsKey(member)
                            && !directoryObjects.containsKey(member)) {
                        throw new IllegalArgumentException("Group " + group.id() + " has an unknown member " + member);
                    }
                }
            }
            for (String userId : mailboxes.keySet()) {
                if (!users.containsKey(userId)) {
                    throw new IllegalArgumentException("A mailbox belongs to an unknown user " + userId);
                }
            }
        }
    }

    private static final class MailboxParts {
        private ItemSource messages = ItemSource.empty();
        private ItemSource events = ItemSource.empty();
        private ItemSource contacts = ItemSource.empty();
        private ObjectNode settings;

        private Mailbox toMailbox() {
            return new Mailbox(messages, events, contacts, settings);
        }
    }
}
