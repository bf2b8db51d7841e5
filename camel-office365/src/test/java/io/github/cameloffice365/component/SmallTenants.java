package io.github.cameloffice365.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;

/** Small tenants written for one test each: users of contoso.test and their messages, in Graph's shapes. */
final class SmallTenants {

    static final String TENANT_ID = "7d1b2c3e-4f50-4a6b-8c9d-0e1f2a3b4c5d";
    static final String CLIENT_ID = "0c4a8f2e-91b7-4d3a-a6e5-3f2b1c0d9e8f";
    static final String CLIENT_SECRET = "small-tenant-test-secret";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SmallTenants() {
    }

    static Tenant.Builder tenant() {
        return Tenant.builder().tenantId(TENANT_ID).displayName("Contoso test").defaultDomain("contoso.test")
                .application(new TenantApplication(CLIENT_ID, "small tenant test", CLIENT_SECRET, List.of()));
    }

    /** A user as the fixtures write one; mailbox is exchangeOnline, none or onPremises. */
    static ObjectNode user(String id, String name, String userType, boolean enabled, String mailbox) {
        String upn = name.toLowerCase(Locale.ROOT) + "@contoso.test";
        ObjectNode user = MAPPER.createObjectNode().put("id", id).put("displayName", name)
                .put("userPrincipalName", userType.equals("Guest") ? name + "_fabrikam.test#EXT#@contoso.test" : upn)
                .put("mail", upn).put("userType", userType).put("accountEnabled", enabled);
        user.put("_mailbox", mailbox);
        return user;
    }

    /** Messages received by the user, one a minute from 2026-03-02T08:00:00Z. */
    static List<ObjectNode> messages(String userId, int count) {
        List<ObjectNode> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(userId + "-m" + i, String.format(Locale.ROOT, "2026-03-02T08:%02d:00Z", i % 60),
                    "Status report " + i));
        }
        return messages;
    }

    static ObjectNode message(String id, String received, String subject) {
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("createdDateTime", received)
                .put("lastModifiedDateTime", received).put("receivedDateTime", received).put("sentDateTime", received)
                .put("subject", subject).put("bodyPreview", subject).put("importance", "normal").put("isRead", true)
                .put("isDraft", false).put("hasAttachments", false).put("_folder", "inbox");
        message.putObject("body").put("contentType", "html").put("content", "<p>" + subject + "</p>");
        message.putObject("from").putObject("emailAddress").put("name", "Adele").put("address", "adele@contoso.test");
        message.putArray("toRecipients");
        message.putArray("categories");
        return message;
    }
}
