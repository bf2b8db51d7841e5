package io.github.cameloffice365.governance.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365RunContext;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.cameloffice365.governance.consent.ConsentWaitProcessor;
import io.github.cameloffice365.governance.consent.GraphApplicationOwners;
import io.github.cameloffice365.governance.consent.JdbcConsentLedger;
import io.github.cameloffice365.graph.CapturedLogs;
import io.github.cameloffice365.graph.MsalAccessTokenSource;
import io.github.cameloffice365.simulator.GraphSimulator;
import io.github.cameloffice365.simulator.arm.ArmHandler;
import io.github.cameloffice365.simulator.arm.AzureResources;
import io.github.cameloffice365.simulator.arm.AzureResources.PolicyState;
import io.github.cameloffice365.simulator.arm.AzureResources.StorageAccount;
import io.github.cameloffice365.simulator.arm.AzureResources.Subscription;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy check in a real route, in front of the consent-wait processor, against the simulator's Resource Manager:
 * each refusal names the rule, the value found and what was expected, and comes before consent is asked.
 */
class PolicyCheckProcessorTest {

    static final String TENANT = "6f1d3c1a-0b7e-4d55-9a51-2c6a3f0e4b11";
    static final String FOREIGN_TENANT = "9a9b9c9d-0000-4000-8000-00000000f00f";
    static final String CLIENT_ID = "0a5e7f3c-9d42-4b8e-8f0c-5b1d2e3f4a60";
    static final String SUBSCRIPTION = "5d0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String OTHER_SUBSCRIPTION = "6e1d2b3c-4d5e-4f60-9bac-1d2e3f4a5b6c";
    static final String DESTINATION = "https://contosolake.blob.core.windows.net/mgdc/messages";
    static final String IDENTITY_SINK = "azure-storage-blob://contosolake/mgdc?credentialType=AZURE_IDENTITY";
    static final String KEY_SINK = "azure-storage-blob://contosolake/mgdc?credentialType=SHARED_ACCOUNT_KEY"
                                   + "&accessKey=RAW(c2VjcmV0LWtleS1vZi10aGUtdGVzdA==)";
    static final String REQUESTER = "megan.bowen@contoso.test";
    static final String REQUESTER_ID = "4e9a6b1c-2d3f-4a5b-8c7d-9e0f1a2b3c4d";
    static final String ASSIGNMENT = "/subscriptions/" + SUBSCRIPTION
                                     + "/providers/Microsoft.Authorization/policyAssignments/storage-baseline";

    static final AzureResources AZURE = new AzureResources();
    static GraphSimulator simulator;
    static MsalAccessTokenSource tokens;

    @TempDir
    Path dataFolder;

    StorageAccount lake = StorageAccount.of(SUBSCRIPTION, "analytics", "contosolake", "westeurope");
    PolicyCheckProcessor policyCheck;
    JdbcConsentLedger ledger;
    CamelContext camel;
    MockEndpoint extraction;

    @BeforeAll
    static void startSimulator() {
        Tenant tenant = Tenant.builder().tenantId(TENANT).displayName("Contoso").defaultDomain("contoso.test")
                .officeRegion("Europe")
                .application(new TenantApplication(CLIENT_ID, "mgdc-extractor", "test-only-secret",
                        List.of(REQUESTER_ID)))
                .user(JsonNodeFactory.instance.objectNode().put("id", REQUESTER_ID).put("displayName", "Megan Bowen")
                        .put("userPrincipalName", REQUESTER).put("userType", "Member").put("accountEnabled", true))
                .build();
        simulator = ArmHandler.mount(GraphSimulator.builder().tenant(tenant), AZURE).start();
        tokens = MsalAccessTokenSource.builder().authorityHost(simulator.authorityHost()).tenantId(TENANT)
                .clientId(CLIENT_ID).clientSecret("test-only-secret").sslContext(simulator.sslContext()).build();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void describeAzure() {
        AZURE.clear()
                .subscription(SUBSCRIPTION, TENANT, "Contoso analytics")
                .storageAccount(StorageAccount.of(SUBSCRIPTION, "analytics", "contosoarchive", "northeurope"))
                .storageAccount(lake)
                .policyStates(lake.id(), List.of(new PolicyState(ASSIGNMENT,
                        "/providers/Microsoft.Authorization/policyDefinitions/secure-transfer-required", "audit", true)));
        simulator.reset();
        ledger = JdbcConsentLedger.embedded(dataFolder.resolve("consent"), Duration.ofHours(24), Duration.ofDays(180));
        policyCheck = new PolicyCheckProcessor();
        policyCheck.setOfficeRegion("Europe");
        policyCheck.setArmBaseUrl(simulator.baseUrl());
        policyCheck.setTokenSource(tokens);
        policyCheck.setSslContext(simulator.sslContext());
    }

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
        ledger.close();
    }

    @Test
    void shouldPassACompliantAccountOfTheTenantInTheOfficeRegionWrittenThroughAServicePrincipal() throws Exception {
        startRoute(IDENTITY_SINK);
        try (CapturedLogs log = new CapturedLogs(PolicyCheckProcessor.class)) {

            Exchange run = runApproved(context(DESTINATION));

            assertThat(run.getException()).isNull();
            assertThat(extraction.getReceivedCounter()).isEqualTo(1);
            assertThat(log.info()).singleElement().asString()
                    .startsWith("Policy check passed for BasicDataSet_v0.Message_v1 -> " + DESTINATION)
                    .contains("storage account 'contosolake' is in tenant " + TENANT)
                    .contains("in westeurope (Office region Europe)");
        }
        assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.path())
                .contains("GET /subscriptions", "GET /subscriptions/" + SUBSCRIPTION,
                        "POST " + lake.id() + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize");
        assertThat(simulator.dataRequests()).isEmpty();
    }

    @Test
    void shouldRefuseARunThatNamesNoDestinationBeforeConsentIsAsked() throws Exception {
        startRoute(IDENTITY_SINK);
        policyCheck.setAllowNonAzureSink(true);

        Throwable failure = run(context(null)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination: found no destination in the run context")
                .hasMessageContaining("endpoint option destination");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseASharedKeySinkBeforeConsentIsAsked() throws Exception {
        AZURE.storageAccount(lake.withAllowSharedKeyAccess(null));
        startRoute(KEY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageStartingWith("Policy check failed for BasicDataSet_v0.Message_v1 -> " + DESTINATION
                                        + ": rule sink-authentication: found azure-storage-blob://contosolake/mgdc"
                                        + " authenticates with a shared key or SAS token (option accessKey); expected a"
                                        + " service principal")
                .hasMessageContaining("account keys, SAS tokens and connection strings are refused")
                .hasMessageContaining("Storage account 'contosolake' also allows shared key access")
                .hasMessageNotContaining("c2VjcmV0LWtleS1vZi10aGUtdGVzdA==");
        assertThat(((PolicyCheckException) failure).getViolations()).extracting(PolicyViolation::rule)
                .containsExactly("sink-authentication");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseADestinationInASubscriptionOfAnotherTenant() throws Exception {
        AZURE.clear()
                .subscription(new Subscription(OTHER_SUBSCRIPTION, FOREIGN_TENANT, "Partner", List.of(TENANT)))
                .storageAccount(StorageAccount.of(OTHER_SUBSCRIPTION, "partner", "contosolake", "westeurope"));
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination-tenant: found storage account 'contosolake' in subscription "
                                      + OTHER_SUBSCRIPTION + " of tenant " + FOREIGN_TENANT
                                      + "; expected a subscription of the Office 365 tenant " + TENANT);
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseAConfiguredSubscriptionThatTheTenantCannotReadAsAnotherTenants() throws Exception {
        AZURE.subscription(OTHER_SUBSCRIPTION, FOREIGN_TENANT, "Someone else's");
        policyCheck.setSubscriptionId(OTHER_SUBSCRIPTION);
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination-tenant: found a subscription of another tenant")
                .hasMessageContaining("InvalidAuthenticationTokenTenant")
                .hasMessageContaining("expected a subscription of the Office 365 tenant " + TENANT);
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseARegionOutsideTheOfficeRegionsMap() throws Exception {
        AZURE.storageAccount(lake.withLocation("eastus"));
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageEndingWith("rule destination-region: found storage account 'contosolake' in Azure region"
                                      + " eastus; expected one of the Azure regions of Office region Europe:"
                                      + " northeurope, westeurope");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseAnAccountAzurePolicyReportsNonCompliantNamingThePolicies() throws Exception {
        AZURE.policyStates(lake.id(), List.of(
                new PolicyState(ASSIGNMENT, "/providers/Microsoft.Authorization/policyDefinitions/secure-transfer-required",
                        "audit", true),
                new PolicyState(ASSIGNMENT, "/providers/Microsoft.Authorization/policyDefinitions/storage-no-public-access",
                        "deny", false)));
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination-compliance: found Azure Policy reports storage account"
                                      + " 'contosolake' non-compliant with 1 policy: storage-no-public-access (deny);"
                                      + " expected no non-compliant policy state for the destination");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldReportEveryBrokenRuleAtOnce() throws Exception {
        AZURE.storageAccount(lake.withLocation("brazilsouth"));
        AZURE.policyStates(lake.id(), List.of(new PolicyState(ASSIGNMENT,
                "/providers/Microsoft.Authorization/policyDefinitions/storage-no-public-access", "audit", false)));
        startRoute(KEY_SINK);

        PolicyCheckException failure = (PolicyCheckException) run(context(DESTINATION)).getException();

        assertThat(failure.getViolations()).extracting(PolicyViolation::rule)
                .containsExactly("sink-authentication", "destination-region", "destination-compliance");
    }

    @Test
    void shouldRefuseADestinationNoStorageAccountServes() throws Exception {
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context("https://unknownlake.blob.core.windows.net/mgdc")).getException();

        assertThat(failure).isInstanceOf(PolicyCheckException.class)
                .hasMessageContaining("rule destination-account: found no storage account serving"
                                      + " https://unknownlake.blob.core.windows.net/mgdc in subscription " + SUBSCRIPTION
                                      + "; expected a storage account of the Office 365 tenant");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRefuseASinkThatWritesToAnotherAccountThanTheDestination() throws Exception {
        startRoute("azure-storage-blob://contosoarchive/mgdc?credentialType=AZURE_IDENTITY");

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).hasMessageContaining("rule destination-account: found azure-storage-blob://contosoarchive/mgdc"
                                                 + " writing to storage account 'contosoarchive'; expected the"
                                                 + " destination's storage account 'contosolake'");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldFindTheAccountByAbfssUrlAcrossPagesInAConfiguredSubscription() throws Exception {
        AZURE.listPageSize(1);
        policyCheck.setSubscriptionId(SUBSCRIPTION);
        startRoute("azure-storage-datalake://contosolake/mgdc?credentialType=AZURE_IDENTITY");

        Exchange run = runApproved(context("abfss://mgdc@contosolake.dfs.core.windows.net/messages"));

        assertThat(run.getException()).isNull();
        assertThat(simulator.requests()).extracting(r -> r.method() + " " + r.path()).doesNotContain("GET /subscriptions");
    }

    @Test
    void shouldReadAConfiguredStorageAccountDirectlyAndRequireTheDestinationOnIt() throws Exception {
        policyCheck.setStorageAccountResourceId(lake.id());
        startRoute(IDENTITY_SINK);

        assertThat(runApproved(context(DESTINATION)).getException()).isNull();
        assertThat(run(context("https://contosoarchive.blob.core.windows.net/mgdc")).getException())
                .hasMessageContaining("rule destination-account: found destination"
                                      + " https://contosoarchive.blob.core.windows.net/mgdc outside storage account"
                                      + " 'contosolake'");
    }

    @Test
    void shouldRefuseARouteWithoutAnAzureSinkUnlessAllowed() throws Exception {
        startRoute("file:" + dataFolder.resolve("out"));

        assertThat(run(context(dataFolder.resolve("out").toUri().toString())).getException())
                .hasMessageContaining("rule sink-authentication: found no azure-storage-blob or"
                                      + " azure-storage-datalake endpoint in route extract")
                .hasMessageContaining("set allowNonAzureSink=true for a sink outside Azure");

        policyCheck.setAllowNonAzureSink(true);
        try (CapturedLogs log = new CapturedLogs(PolicyCheckProcessor.class)) {
            assertThat(runApproved(context(dataFolder.resolve("out").toUri().toString())).getException()).isNull();
            assertThat(log.lines()).singleElement().asString().startsWith("WARN Policy check skipped");
        }
    }

    @Test
    void shouldCheckTheSinkNamedExplicitlyWhenTheRouteHidesIt() throws Exception {
        policyCheck.setSinkEndpointUri(KEY_SINK);
        startRoute("log:hidden");

        assertThat(run(context(DESTINATION)).getException())
                .hasMessageContaining("rule sink-authentication: found azure-storage-blob://contosolake/mgdc"
                                      + " authenticates with a shared key or SAS token (option accessKey)");
    }

    @Test
    void shouldFailNamingResourceManagersErrorAndTheRoleNeededWhenReadingIsRefused() throws Exception {
        simulator.faults().on("GET", "/subscriptions/" + SUBSCRIPTION).respond(403)
                .jsonBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have"
                          + " authorization to perform action 'Microsoft.Resources/subscriptions/read'.\"}}").always();
        startRoute(IDENTITY_SINK);

        Throwable failure = run(context(DESTINATION)).getException();

        assertThat(failure).isInstanceOf(ArmRequestException.class)
                .hasMessageStartingWith("Policy check for BasicDataSet_v0.Message_v1 -> " + DESTINATION + " could not"
                                        + " read the destination from Azure Resource Manager: GET ")
                .hasMessageContaining("failed: 403 AuthorizationFailed (Resource Manager: The client does not have"
                                      + " authorization")
                .hasMessageEndingWith("The service principal needs the Reader role on the destination storage account"
                                      + " or its subscription");
        assertNothingAskedOrRead();
    }

    @Test
    void shouldRetryAResourceManagerCallThatFailsOnce() throws Exception {
        simulator.faults().on("GET", "/subscriptions/" + SUBSCRIPTION).respond(503).times(1);
        startRoute(IDENTITY_SINK);

        assertThat(runApproved(context(DESTINATION)).getException()).isNull();
        assertThat(simulator.requests()).filteredOn(r -> r.path().equals("/subscriptions/" + SUBSCRIPTION)).hasSize(2);
    }

    @Test
    void shouldRefuseToStartWithAnUnknownOfficeRegionNamingTheAcceptedOnes() {
        policyCheck.setOfficeRegion("Atlantis");

        assertThatThrownBy(policyCheck::validate)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policyCheck option officeRegion is 'Atlantis': expected one of Asia-Pacific"
                                        + " (APC), Australia (AUS), Europe (EUR)");
        policyCheck.setOfficeRegion("eur");
        policyCheck.setArmBaseUrl("http://management.azure.com");
        assertThatThrownBy(policyCheck::validate).hasMessageContaining("policyCheck option armBaseUrl is"
                                                                       + " 'http://management.azure.com'");
    }

    @Test
    void shouldLetPartsPassWithoutAnyCheck() throws Exception {
        // a mock sink: a real Azure sink would try to sign in and reach Azure with the part
        startRoute("mock:sink");
        simulator.clearRequests();

        camel.createProducerTemplate().sendBodyAndHeader("direct:run", "{}", Office365Constants.EXCHANGE_KIND,
                Office365Constants.KIND_RUN_END);

        assertThat(simulator.requests()).isEmpty();
        assertThat(camel.getEndpoint("mock:sink", MockEndpoint.class).getReceivedCounter()).isEqualTo(1);
    }

    private void assertNothingAskedOrRead() {
        assertThat(ledger.list(Optional.empty(), Instant.now())).as("consent requests filed").isEmpty();
        assertThat(extraction.getReceivedCounter()).isZero();
        assertThat(simulator.dataRequests()).isEmpty();
    }

    private void startRoute(String sinkUri) throws Exception {
        ConsentWaitProcessor consentWait = new ConsentWaitProcessor(ledger, REQUESTER);
        consentWait.setApplicationOwners(new GraphApplicationOwners(simulator.baseUrl(),
                scope -> simulator.accessToken(), simulator.sslContext()));
        consentWait.setWaitTimeout(Duration.ofMillis(200));
        consentWait.setPollInterval(Duration.ofMillis(20));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").routeId("extract")
                        .process(policyCheck)
                        .process(consentWait)
                        .choice()
                            .when(header(Office365Constants.EXCHANGE_KIND).isNotEqualTo(Office365Constants.KIND_RUN_START))
                                .to(sinkUri)
                            .otherwise()
                                .to("mock:extraction")
                        .end();
            }
        });
        camel.start();
        extraction = camel.getEndpoint("mock:extraction", MockEndpoint.class);
    }

    /** Runs a RunStart exchange whose context an approver has already consented to: only the policy check stops it. */
    private Exchange runApproved(Office365RunContext context) {
        if (ledger.latestFor(context.consentKey(), Instant.now()).isEmpty()) {
            String id = ledger.fileRequest(context, REQUESTER, Instant.now()).id();
            ledger.approve(id, "adele.vance@contoso.test", null, Instant.now());
        }
        return run(context);
    }

    /** Runs a RunStart exchange of a context nobody has consented to yet. */
    private Exchange run(Office365RunContext context) {
        return camel.createProducerTemplate().request("direct:run", exchange -> {
            exchange.getMessage().setBody(context);
            exchange.getMessage().setHeaders(Map.of(Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_START));
        });
    }

    private static Office365RunContext context(String destination) {
        return new Office365RunContext("run-1", "BasicDataSet_v0.Message_v1", List.of("subject", "sender"), List.of(),
                null, destination, CLIENT_ID + "@" + TENANT, TENANT, TENANT, "receivedDateTime", null, null);
    }
}
