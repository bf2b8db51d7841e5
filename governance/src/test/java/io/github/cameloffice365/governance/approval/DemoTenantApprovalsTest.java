package io.github.cameloffice365.governance.approval;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import io.github.cameloffice365.simulator.tenant.TenantUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo tenant as the one-command demo uses it: its approvers' app, its approver group, an approver who signs in
 * unattended and approves, and the application owner, who is no approver, refused.
 */
class DemoTenantApprovalsTest {

    private static final String APPROVER_GROUP = "2432e02c-42b0-40a1-b979-37a410bf781b";
    private static final String APPROVER = "declan.murphy@brackwater.test";
    private static final String REQUESTER = "lena.hoffmann@brackwater.test";

    private static Tenant tenant;
    private static ApproversTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        tenant = TenantFixtures.fromClasspath("demo");
        TenantApplication approvals = tenant.applications().stream().filter(TenantApplication::isPublicClient)
                .findFirst().orElseThrow(() -> new AssertionError("The demo tenant registers no public client"));
        bed = new ApproversTestBed(tenant, approvals.clientId(), APPROVER_GROUP, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private static String passwordOf(String upn) {
        return tenant.user(upn).map(TenantUser::password).orElseThrow();
    }

    private static ConsentRequest fileRequestByTheOwner(String table) {
        Office365RunContext context = new Office365RunContext("demo-run", table, List.of("Id", "Subject"), List.of(),
                null, "file:target/demo-output", tenant.applications().get(0).clientId() + "@" + tenant.tenantId(),
                tenant.tenantId(), tenant.tenantId(), null, null, null);
        return bed.ledger().fileRequest(context, REQUESTER, Instant.now());
    }

    @Test
    void theDemoApproverApprovesTheOwnersRequestUnattended() throws Exception {
        ConsentRequest filed = fileRequestByTheOwner("BasicDataSet_v0.Message_v1");
        DemoApprover approver = new DemoApprover(bed.configuration(), APPROVER, passwordOf(APPROVER), bed.baseUrl(),
                bed.graph().sslContext());

        assertThat(approver.approvePending()).contains(filed.id());

        ConsentRequest stored = bed.ledger().find(filed.id(), Instant.now()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConsentState.APPROVED);
        assertThat(stored.decidedBy()).isEqualTo(APPROVER);
    }

    @Test
    void theOwnerWhoIsNoApproverCannotDecideAnyRequest() {
        ConsentRequest filed = fileRequestByTheOwner("BasicDataSet_v0.Event_v1");
        DemoApprover owner = new DemoApprover(bed.configuration(), REQUESTER, passwordOf(REQUESTER), bed.baseUrl(),
                bed.graph().sslContext());

        assertThatThrownBy(owner::approvePending).isInstanceOf(IOException.class).hasMessageContaining("403")
                .hasMessageContaining(REQUESTER + " is not a member of the approver group");

        assertThat(bed.ledger().find(filed.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }
}
