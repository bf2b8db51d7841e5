package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads a tenant from fixture files, from a folder or from the classpath folder {@code tenants/<name>/}:
 * <ul>
 *   <li>{@code tenant.json}: {@code tenantId}, {@code displayName}, {@code defaultDomain}, {@code officeRegion},
 *       {@code applications} ({@code clientId}, {@code displayName}, {@code clientSecret}, {@code owners});</li>
 *   <li>{@code users.json}: Graph user objects, with optional {@code _mailbox}, {@code _manager}, {@code _password};</li>
 *   <li>{@code groups.json} (optional): {@code id}, {@code displayName}, {@code mailEnabled},
 *       {@code securityEnabled}, {@code members} (directory object ids);</li>
 *   <li>{@code directoryObjects.json} (optional): devices and org contacts, each with {@code @odata.type};</li>
 *   <li>{@code mailboxes/<userId>/messages.json}, {@code events.json}, {@code contacts.json} (arrays) and
 *       {@code mailboxSettings.json} (one object), each optional.</li>
 * </ul>
 * Keys starting with {@code _} are simulator metadata and never served.
 */
public final class TenantFixtures {

    private final FixtureFiles files;

    private TenantFixtures(FixtureFiles files) {
        this.files = files;
    }

    /** Loads the tenant in this folder. */
    public static Tenant fromDirectory(Path folder) {
        if (!Files.isRegularFile(folder.resolve("tenant.json"))) {
            throw new IllegalArgumentException("No tenant.json in the tenant folder " + folder);
        }
        return new TenantFixtures(relative -> {
            Path file = folder.resolve(relative);
            return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
        }).load();
    }

    /** Loads the tenant in the classpath folder {@code tenants/<name>/}. */
    public static Tenant fromClasspath(String name) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(TenantFixtures.class.getClassLoader());
        String root = "tenants/" + name + "/";
        if (loader.getResource(root + "tenant.json") == null) {
            throw new IllegalArgumentException("No tenant named '" + name + "' on the classpath (looked for "
                    + root + "tenant.json)");
        }
        return new TenantFixtures(relative -> Optional.ofNullable(loader.getResourceAsStream(root + relative)))
                .load();
    }

    /** Whether the classpath holds the tenant {@code tenants/<name>/}. */
    public static boolean existsOnClasspath(String name) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(TenantFixtures.class.getClassLoader());
        return loader.getResource("tenants/" + name + "/tenant.json") != null;
    }

    private Tenant load() {
        ObjectNode tenantFile = (ObjectNode) read("tenant.json").orElseThrow();
        Tenant.Builder builder = Tenant.builder()
                .tenantId(required(tenantFile, "tenantId", "tenant.json"))
                .displayName(tenantFile.path("displayName").asText(null))
                .defaultDomain(tenantFile.path("defaultDomain").asText(null))
                .officeRegion(tenantFile.path("officeRegion").asText(null));
        for (JsonNode app : tenantFile.path("applications")) {
            builder.application(new TenantApplication(required(app, "clientId", "tenant.json applications"),
                    app.path("displayName").asText(null), app.path("clientSecret").asText(null), texts(app.path("owners"))));
        }

        List<String> userIds = new ArrayList<>();
        for (JsonNode user : array("users.json")) {
            TenantUser tenantUser = TenantUser.fromFixture((ObjectNode) user);
            builder.user(tenantUser);
            userIds.add(tenantUser.id());
        }
        for (JsonNode group : array("groups.json")) {
            ObjectNode properties = ((ObjectNode) group).deepCopy();
            List<String> members = texts(properties.remove("members"));
            TenantUser.removeMetadata(properties);
            required(properties, "id", "groups.json");
            builder.group(new TenantGroup(properties, members));
        }
        for (JsonNode object : array("directoryObjects.json")) {
            builder.directoryObject((ObjectNode) object);
        }
        for (String userId : userIds) {
            loadMailbox(builder, userId);
        }
        return builder.build();
    }

    private void loadMailbox(Tenant.Builder builder, String userId) {
        String folder = "mailboxes/" + userId + "/";
        read(folder + "messages.json").ifPresent(node -> builder.messages(userId, objects(node, folder)));
        read(folder + "events.json").ifPresent(node -> builder.events(userId, objects(node, folder)));
        read(folder + "contacts.json").ifPresent(node -> builder.contacts(userId, objects(node, folder)));
        read(folder + "mailboxSettings.json").ifPresent(node -> builder.mailboxSettings(userId, (ObjectNode) node));
    }

    private ArrayNode array(String relative) {
        return read(relative).map(node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException(relative + " must hold a JSON array");
            }
            return (ArrayNode) node;
        }).orElse(Json.MAPPER.createArrayNode());
    }

    private static List<ObjectNode> objects(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("The files in " + where + " must hold JSON arrays");
        }
        List<ObjectNode> items = new ArrayList<>();
        array.forEach(item -> items.add((ObjectNode) item));
        return items;
    }

    private Optional<JsonNode> read(String relative) {
        try {
            Optional<InputStream> stream = files.open(relative);
            if (stream.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = stream.get()) {
                return Optional.of(Json.MAPPER.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fixture " + relative + ": " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String field, String where) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException(where + " needs \"" + field + "\": " + node);
        }
        return node.get(field).asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    @FunctionalInterface
    private interface FixtureFiles {
        Optional<InputStream> open(String relativePath) throws IOException;
    }
}
