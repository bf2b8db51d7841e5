package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic tenant of any size for tests and benchmarks: N users, each with M messages built on demand
 * (never held in memory), a body of a chosen size and, optionally, file attachments. The same settings always
 * give the same tenant, ids and content.
 */
public final class GeneratedTenant {

    /** The first received time of every generated mailbox; message i is received 10 minutes after message i-1. */
    public static final Instant FIRST_RECEIVED = Instant.parse("2024-01-01T00:00:00Z");
    /** The spacing of generated messages. */
    public static final Duration MESSAGE_SPACING = Duration.ofMinutes(10);

    private static final String[] DEPARTMENTS = {"Finance", "Operations", "Sales", "Engineering", "Legal"};
    private static final String[] WORDS = {"quarterly", "report", "meeting", "budget", "review", "plan", "draft",
            "customer", "update", "schedule", "forecast", "invoice", "project", "team", "agenda", "summary"};

    private int users = 10;
    private int messagesPerUser = 100;
    private int bodyBytes = 2_000;
    private boolean attachments;
    private int eventsPerUser = 5;
    private int contactsPerUser = 3;
    private long seed = 1;
    private String domain = "generated.test";

    private GeneratedTenant() {
    }

    /** Settings with defaults: 10 users, 100 messages each, 2,000-byte bodies, no attachments. */
    public static GeneratedTenant builder() {
        return new GeneratedTenant();
    }

    /** Number of users (at least 1). */
    public GeneratedTenant users(int count) {
        this.users = atLeast(count, 1, "users");
        return this;
    }

    /** Messages per user (0 or more). */
    public GeneratedTenant messagesPerUser(int count) {
        this.messagesPerUser = atLeast(count, 0, "messagesPerUser");
        return this;
    }

    /** Approximate size in bytes of each message body. */
    public GeneratedTenant bodyBytes(int bytes) {
        this.bodyBytes = atLeast(bytes, 0, "bodyBytes");
        return this;
    }

    /** Whether every seventh message carries a file attachment. */
    public GeneratedTenant attachments(boolean withAttachments) {
        this.attachments = withAttachments;
        return this;
    }

    /** Events per user. */
    public GeneratedTenant eventsPerUser(int count) {
        this.eventsPerUser = atLeast(count, 0, "eventsPerUser");
        return this;
    }

    /** Contacts per user. */
    public GeneratedTenant contactsPerUser(int count) {
        this.contactsPerUser = atLeast(count, 0, "contactsPerUser");
        return this;
    }

    /** The domain of user principal names and addresses; default {@code generated.test}. */
    public GeneratedTenant domain(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("domain must not be blank");
        }
        this.domain = value;
        return this;
    }

    /** The seed: different seeds give different ids. */
    public GeneratedTenant seed(long value) {
        this.seed = value;
        return this;
    }

    /** The tenant. */
    public Tenant build() {
        Tenant.Builder builder = Tenant.builder()
                .tenantId(uuid("tenant").toString())
                .displayName("Generated Organisation " + seed)
                .defaultDomain(domain)
                .officeRegion("Europe")
                .application(new TenantApplication(uuid("app").toString(), "camel-office365 (generated)",
                        "gen~" + uuid("secret"), List.of(userId(0))));
        List<String> memberIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            builder.user(user(u));
            String id = userId(u);
            memberIds.add(id);
            builder.messages(id, new GeneratedMessages(u));
            builder.events(id, new GeneratedEvents(u));
            builder.contacts(id, new GeneratedContacts(u));
        }
        ObjectNode group = Json.object();
        group.put("id", uuid("group-all").toString());
        group.put("displayName", "All Staff");
        group.put("mailEnabled", true);
        group.put("securityEnabled", true);
        builder.group(new TenantGroup(group, memberIds));
        return builder.build();
    }

    /** The id of generated user number {@code index} (0-based). */
    public String userId(int index) {
        return uuid("user-" + index).toString();
    }

    private UUID uuid(String name) {
        return UUID.nameUUIDFromBytes((seed + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode user(int index) {
        String number = String.format("%05d", index);
        ObjectNode user = Json.object();
        user.put("id", userId(index));
        user.putArray("businessPhones").add("+1 555 01" + number);
        user.put("displayName", "User " + number);
        user.put("givenName", "User");
        user.put("surname", number);
        user.put("jobTitle", "Analyst");
        user.put("mail", "user" + number + "@" + domain);
        user.putNull("mobilePhone");
        user.put("officeLocation", "Building " + (index % 4 + 1));
        user.put("preferredLanguage", "en-US");
        user.put("userPrincipalName", "user" + number + "@" + domain);
        user.put("accountEnabled", true);
        user.put("userType", "Member");
        user.put("department", DEPARTMENTS[index % DEPARTMENTS.length]);
        user.put("city", "Springfield");
        user.put("country", "United States");
        user.put("usageLocation", "US");
        user.put("mailNickname", "user" + number);
        user.put("createdDateTime", "2023-01-01T00:00:00Z");
        user.putArray("proxyAddresses").add("SMTP:user" + number + "@" + domain);
        if (index > 0) {
            user.put(TenantUser.MANAGER, userId((index - 1) / 5));
        }
        return user;
    }

    private static int atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    private final class GeneratedMessages implements ItemSource {
        private final int userIndex;

        private GeneratedMessages(int userIndex) {
            this.userIndex = userIndex;
        }

        @Override
        public int size() {
            return messagesPerUser;
        }

        @Override
        public ObjectNode item(int index) {
            Random random = new Random(seed * 1_000_003L + userIndex * 7_919L + index);
            String owner = "user" + String.format("%05d", userIndex) + "@" + domain;
            String peer = "user" + String.format("%05d", (userIndex + 1 + index) % users) + "@" + domain;
            String received = FIRST_RECEIVED.plus(MESSAGE_SPACING.multipliedBy(index)).toString();
            String subject = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " #"
                    + index;
            String text = filler(random, bodyBytes);
            boolean withAttachment = attachments && index % 7 == 0;

            ObjectNode message = Json.object();
            message.put("id", "AAMkAG" + uuid("message-" + userIndex + "-" + index).toString().replace("-", ""));
            message.put("createdDateTime", received);
            message.put("lastModifiedDateTime", received);
            message.put("changeKey", "CQAAABYAAA" + Integer.toHexString(index));
            message.putArray("categories");
            message.put("receivedDateTime", received);
            message.put("sentDateTime", received);
            message.put("hasAttachments", withAttachment);
            message.put("internetMessageId", "<" + userIndex + "." + index + "@" + domain + ">");
            message.put("subject", subject);
            message.put("bodyPreview", text.substring(0, Math.min(255, text.length())));
            message.put("importance", "normal");
            message.put("parentFolderId", "AAMkAGfolder");
            message.put("conversationId", "AAQkAG" + Integer.toHexString(index / 3));
            message.put("conversationIndex", Base64.getEncoder().encodeToString(new byte[] {1, (byte) index}));
            message.putNull("isDeliveryReceiptRequested");
            message.put("isReadReceiptRequested", false);
            message.put("isRead", index % 3 != 0);
            message.put("isDraft", false);
            message.put("webLink", "https://outlook.office365.com/owa/?ItemID=" + index);
            message.put("inferenceClassification", "focused");
            ObjectNode body = message.putObject("body");
            body.put("contentType", "html");
            body.put("content", "<html><body><p>" + text + "</p></body></html>");
            message.set("sender", recipient(peer));
            message.set("from", recipient(peer));
            message.putArray("toRecipients").add(recipient(owner));
            message.putArray("ccRecipients");
            message.putArray("bccRecipients");
            message.putArray("replyTo");
            message.putObject("flag").put("flagStatus", "notFlagged");
            ObjectNode unique = message.putObject("uniqueBody");
            unique.put("contentType", "html");
            unique.put("content", "<html><body><p>" + text + "</p></body></html>");
            ArrayNode headers = message.putArray("internetMessageHeaders");
            headers.addObject().put("name", "Message-ID").put("value", message.get("internetMessageId").asText());
            if (withAttachment) {
                ObjectNode attachment = message.putArray("attachments").addObject();
                attachment.put("@odata.type", "#microsoft.graph.fileAttachment");
                attachment.put("id", "AAMkAGatt" + index);
                attachment.put("name", "notes-" + index + ".txt");
                attachment.put("contentType", "text/plain");
                attachment.put("size", 1024);
                attachment.put("isInline", false);
                attachment.put("lastModifiedDateTime", received);
                byte[] content = filler(random, 1024).getBytes(StandardCharsets.UTF_8);
                attachment.put("contentBytes", Base64.getEncoder().encodeToString(content));
            }
            message.put(Mailbox.FOLDER, folder(index));
            return message;
        }
    }

    private static String folder(int index) {
        if (index % 50 == 49) {
            return "drafts";
        }
        return switch (index % 10) {
            case 7 -> "sentitems";
            case 8 -> "archive";
            case 9 -> "deleteditems";
            default -> "inbox";
        };
    }

    private final class GeneratedEvents implements ItemSource {
        private final int userIndex;

        private GeneratedEvents(int userIndex) {
            this.userIndex = userIndex;
        }

        @Override
        public int size() {
            return eventsPerUser;
        }

        @Override
        public ObjectNode item(int index) {
            Instant start = FIRST_RECEIVED.plus(Duration.ofDays(index)).plus(Duration.ofHours(9));
            ObjectNode event = Json.object();
            event.put("id", "AAMkAGevt" + uuid("event-" + userIndex + "-" + index).toString().replace("-", ""));
            event.put("createdDateTime", FIRST_RECEIVED.toString());
            event.put("lastModifiedDateTime", FIRST_RECEIVED.toString());
            event.put("changeKey", "DwAAABYAAA" + Integer.toHexString(index));
            event.put("subject", "Weekly sync " + index);
            event.put("isAllDay", false);
            event.put("isCancelled", false);
            event.put("type", "singleInstance");
            ObjectNode body = event.putObject("body");
            body.put("contentType", "html");
            body.put("content", "<html><body>Agenda " + index + "</body></html>");
            event.putObject("start").put("dateTime", localDateTime(start)).put("timeZone", "UTC");
            event.putObject("end").put("dateTime", localDateTime(start.plus(Duration.ofHours(1))))
                    .put("timeZone", "UTC");
            return event;
        }
    }

    private final class GeneratedContacts implements ItemSource {
        private final int userIndex;

        private GeneratedContacts(int userIndex) {
            this.userIndex = userIndex;
        }

        @Override
        public int size() {
            return contactsPerUser;
        }

        @Override
        public ObjectNode item(int index) {
            ObjectNode contact = Json.object();
            contact.put("id", "AAMkAGcon" + uuid("contact-" + userIndex + "-" + index).toString().replace("-", ""));
            contact.put("createdDateTime", FIRST_RECEIVED.toString());
            contact.put("lastModifiedDateTime", FIRST_RECEIVED.toString());
            contact.put("changeKey", "EQAAABYAAA" + Integer.toHexString(index));
            contact.put("displayName", "Contact " + index);
            contact.put("givenName", "Contact");
            contact.put("surname", String.valueOf(index));
            contact.putArray("emailAddresses").addObject().put("name", "Contact " + index)
                    .put("address", "contact" + index + "@partner.test");
            return contact;
        }
    }

    private static String localDateTime(Instant instant) {
        return instant.toString().replace("Z", ".0000000");
    }

    private ObjectNode recipient(String address) {
        ObjectNode recipient = Json.object();
        recipient.putObject("emailAddress").put("name", address.substring(0, address.indexOf('@')))
                .put("address", address);
        return recipient;
    }

    private static String filler(Random random, int length) {
        StringBuilder text = new StringBuilder(length + 16);
        while (text.length() < length) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        text.setLength(length);
        return text.toString();
    }
}
