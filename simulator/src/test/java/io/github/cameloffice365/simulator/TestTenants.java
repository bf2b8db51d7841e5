package io.github.cameloffice365.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantGroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Small tenants built in code for the tests.
 */
final class TestTenants {

    static final String TENANT_ID = "0f0e0d0c-0b0a-4909-8808-070605040302";
    static final String CLIENT_ID = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String CLIENT_SECRET = "test-secret-value";
    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String BOB = "22222222-2222-4222-8222-222222222222";
    static final String GUEST = "33333333-3333-4333-8333-333333333333";
    static final String ONPREM = "44444444-4444-4444-8444-444444444444";
    static final String DISABLED = "55555555-5555-4555-8555-555555555555";
    static final String GROUP_FIN = "g-fin";
    static final String GROUP_OPS = "g-ops";
    static final String GROUP_NESTED = "g-nested";
    static final String DEVICE = "d-1";
    static final String ORG_CONTACT = "c-1";

    private TestTenants() {
    }

    /** Five named users, groups with nesting, a device and an org contact, Alice's small mailbox. */
    static Tenant small() {
        Tenant.Builder tenant = Tenant.builder().tenantId(TENANT_ID).displayName("Contoso Test")
                .defaultDomain("contoso.test")
                .application(new TenantApplication(CLIENT_ID, "extractor", CLIENT_SECRET, List.of(ALICE)));
        tenant.user(user(ALICE, "Alice Adams", "alice@contoso.test", "Finance", "Member", null));
        ObjectNode bob = user(BOB, "Bob Brown", "bob@contoso.test", "Operations", "Member", null);
        bob.put("_manager", ALICE);
        bob.put("aboutMe", "Runs the warehouse");
        bob.putArray("skills").add("logistics");
        tenant.user(bob);
        tenant.user(user(GUEST, "Gail Guest", "gail_partner.test#EXT#@contoso.test", "Finance", "Guest", null));
        tenant.user(user(ONPREM, "Olga Onprem", "olga@contoso.test", "Finance", "Member", "onPremises"));
        ObjectNode disabled = user(DISABLED, "Dan Disabled", "dan@contoso.test", "Sales", "Member", "none");
        disabled.put("accountEnabled", false);
        tenant.user(disabled);

        ObjectNode device = Json.object().put("id", DEVICE).put("@odata.type", "#microsoft.graph.device")
                .put("displayName", "Laptop 1");
        ObjectNode contact = Json.object().put("id", ORG_CONTACT).put("@odata.type", "#microsoft.graph.orgContact")
                .put("displayName", "Partner Contact");
        tenant.directoryObject(device).directoryObject(contact);
        tenant.group(group(GROUP_NESTED, "Nested", List.of(BOB, DEVICE)));
        tenant.group(group(GROUP_FIN, "Finance", List.of(ALICE, GROUP_NESTED, ORG_CONTACT)));
        tenant.group(group(GROUP_OPS, "Operations", List.of(BOB, GUEST)));

        List<ObjectNode> messages = new ArrayList<>();
        messages.add(message("m1", "2024-02-29T23:59:59Z", "inbox", "First"));
        messages.add(message("m2", "2024-03-01T00:00:00Z", "inbox", "Second"));
        messages.add(message("m3", "2024-03-01T12:00:00Z", "sentitems", "Third"));
        messages.add(message("m4", "2024-03-02T00:00:00Z", "archive", "Fourth"));
        tenant.messages(ALICE, messages);
        return tenant.build();
    }

    static ObjectNode user(String id, String name, String upn, String department, String type, String mailbox) {
        ObjectNode user = Json.object();
        user.put("id", id);
        user.putArray("businessPhones");
        user.put("displayName", name);
        user.put("givenName", name.split(" ")[0]);
        user.put("surname", name.split(" ")[1]);
        user.put("jobTitle", "Staff");
        user.put("mail", upn.contains("#EXT#") ? "gail@partner.test" : upn);
        user.putNull("mobilePhone");
        user.put("officeLocation", "HQ");
        user.put("preferredLanguage", "en-US");
        user.put("userPrincipalName", upn);
        user.put("department", department);
        user.put("userType", type);
        user.put("accountEnabled", true);
        if (mailbox != null) {
            user.put("_mailbox", mailbox);
        }
        return user;
    }

    static ObjectNode message(String id, String received, String folder, String subject) {
        ObjectNode message = Json.object();
        message.put("id", id);
        message.put("changeKey", "ck-" + id);
        message.put("receivedDateTime", received);
        message.put("subject", subject);
        message.put("hasAttachments", id.equals("m1"));
        ObjectNode body = message.putObject("body");
        body.put("contentType", "html");
        body.put("content", "<html><head><style>p{}</style></head><body><p>Hello &amp; welcome</p><p>Line 2</p>"
                + "</body></html>");
        message.putObject("uniqueBody").put("contentType", "html").put("content", "<p>Hello</p>");
        message.putArray("internetMessageHeaders").addObject().put("name", "X-Test").put("value", "1");
        if (id.equals("m1")) {
            message.putArray("attachments").addObject().put("@odata.type", "#microsoft.graph.fileAttachment")
                    .put("id", "a1").put("name", "a.txt").put("contentBytes", "SGVsbG8=");
        }
        message.put("_folder", folder);
        return message;
    }

    private static TenantGroup group(String id, String name, List<String> members) {
        ObjectNode properties = Json.object().put("id", id).put("displayName", name).put("mailEnabled", false)
                .put("securityEnabled", true);
        return new TenantGroup(properties, members);
    }
}
