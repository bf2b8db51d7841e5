package io.github.cameloffice365.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.github.cameloffice365.governance.approval.ApproversConfiguration;
import io.github.cameloffice365.governance.approval.ApproversRoutes;
import io.github.cameloffice365.governance.approval.DemoApprover;
import io.github.cameloffice365.governance.consent.ConsentWaitProcessor;
import io.github.cameloffice365.governance.consent.GraphApplicationOwners;
import io.github.cameloffice365.governance.consent.JdbcConsentLedger;
import io.github.cameloffice365.governance.policy.PolicyCheckProcessor;
import io.github.cameloffice365.graph.GraphClientSettings;
import io.github.cameloffice365.graph.MsalAccessTokenSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance of every route: the beans {@code policyCheck} and {@code consentWait} that the routes put the
 * run-start exchange through, the consent ledger behind them, and the approvers' API and page on the application's
 * HTTP server. On the demo tenant, the demo approver approves through that same API. When the registry already holds
 * beans named policyCheck and consentWait, those are used and nothing is added.
 */
@Configuration
public class GovernanceConfiguration implements CamelConfiguration {

    /** The registry name of the simulator serving the demo tenant, bound only on the demo. */
    static final String DEMO_SIMULATOR = "office365DemoSimulator";

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        // beans of the same names bound by the embedding code (a test, another application) take precedence
        if (context.getRegistry().lookupByName("policyCheck") != null
            && context.getRegistry().lookupByName("consentWait") != null) {
            LOG.info("Using the policyCheck and consentWait beans already in the registry; no approvers' page");
            return;
        }
        Settings settings = new Settings(context.getPropertiesComponent());
        SSLContext sslContext = sslContext(context, settings.optional("office365.ssl-context-parameters"));

        JdbcConsentLedger ledger = JdbcConsentLedger.forJdbcUrl(settings.required("office365.consent.jdbc-url"),
                settings.optional("office365.consent.jdbc-user"), settings.optional("office365.consent.jdbc-password"),
                settings.duration("office365.consent.request-lifetime"),
                settings.duration("office365.consent.approval-lifetime"));
        context.addService(new LedgerService(ledger));
        context.getRegistry().bind("consentLedger", ledger);

        // the requester must own the application; the application's own Graph token asks the directory
        MsalAccessTokenSource tokens = tokens(settings, sslContext);
        String graphBaseUrl = settings.required("office365.graph-base-url");
        String graphScope = GraphClientSettings.builder().graphBaseUrl(graphBaseUrl).build().tokenScope();
        GraphApplicationOwners owners = new GraphApplicationOwners(graphBaseUrl, tokens, sslContext);

        String approvalsUrl = settings.required("office365.approvers.url");
        checkServerPortIsFree(settings);
        ConsentWaitProcessor consentWait = new ConsentWaitProcessor(ledger,
                settings.required("office365.consent.requested-by"));
        consentWait.setApplicationOwners(owners);
        consentWait.setWaitTimeout(settings.duration("office365.consent.wait-timeout"));
        consentWait.setPollInterval(settings.duration("office365.consent.poll-interval"));
        consentWait.setApprovalUrl(approvalsUrl);
        context.getRegistry().bind("consentWait", consentWait);

        PolicyCheckProcessor policyCheck = new PolicyCheckProcessor();
        policyCheck.setOfficeRegion(settings.required("office365.policy.office-region"));
        policyCheck.setArmBaseUrl(settings.required("office365.policy.arm-base-url"));
        policyCheck.setSubscriptionId(settings.optional("office365.policy.subscription-id"));
        policyCheck.setStorageAccountResourceId(settings.optional("office365.policy.storage-account-resource-id"));
        policyCheck.setAllowNonAzureSink(Boolean.parseBoolean(settings.required("office365.policy.allow-non-azure-sink")));
        policyCheck.setTokenSource(tokens);
        policyCheck.setSslContext(sslContext);
        context.getRegistry().bind("policyCheck", policyCheck);

        ApproversConfiguration approvers = new ApproversConfiguration();
        approvers.setAuthority(settings.required("office365.authority-host") + "/" + settings.required("office365.tenant-id"));
        approvers.setTenantId(settings.required("office365.tenant-id"));
        approvers.setClientId(settings.required("office365.approvers.client-id"));
        approvers.setApproverGroupId(settings.required("office365.approvers.group-id"));
        approvers.setGraphBaseUrl(graphBaseUrl);
        context.addRoutes(new ApproversRoutes(approvers, ledger, () -> tokens.accessToken(graphScope), sslContext,
                Clock.systemUTC()));
        LOG.info("Approvers sign in at {} to approve or deny data access requests", approvalsUrl);

        String demoApprover = settings.optional("office365.demo.approver");
        if (demoApprover != null) {
            addDemoApprover(context, settings, approvers, demoApprover, sslContext);
        }
    }

    /** The demo's approver, who signs in unattended and approves pending requests through the approvers' API. */
    private static void addDemoApprover(CamelContext context, Settings settings, ApproversConfiguration approvers,
            String username, SSLContext sslContext) throws Exception {
        URI api = URI.create(settings.required("office365.approvers.url")).resolve("/");
        DemoApprover approver = new DemoApprover(approvers, username,
                settings.required("office365.demo.approver-password"), api, sslContext);
        RouteBuilder.addRoutes(context, routes -> routes.from("timer:office365-demo-approver?delay=500&period=500")
                .routeId("office365-demo-approver")
                .doTry()
                    .process(exchange -> approver.approvePending())
                .doCatch(Exception.class)
                    // one line, not a stack trace every half second: the approvers' API may be stopping or unreachable
                    .log(LoggingLevel.WARN, "The demo approver could not approve: ${exception.message}")
                .end());
    }

    /**
     * The approvers' page is the only way to approve: when the application's HTTP server cannot listen, the run would
     * wait for an approval that can never come, so the application stops at once instead.
     */
    private static void checkServerPortIsFree(Settings settings) {
        if (!Boolean.parseBoolean(settings.optional("camel.server.enabled"))) {
            return;
        }
        String host = settings.required("camel.server.host");
        String port = settings.required("camel.server.port");
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, Integer.parseInt(port)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Property camel.server.port: the approvers' page cannot listen on " + host
                                               + ":" + port + " (" + e.getMessage() + "); choose a free port with"
                                               + " -Dcamel.server.port=<port>");
        }
    }

    private static MsalAccessTokenSource tokens(Settings settings, SSLContext sslContext) {
        String certificate = settings.optional("office365.client-certificate-path");
        return MsalAccessTokenSource.builder()
                .authorityHost(settings.required("office365.authority-host"))
                .tenantId(settings.required("office365.tenant-id"))
                .clientId(settings.required("office365.client-id"))
                .clientSecret(settings.optional("office365.client-secret"))
                .certificate(certificate == null ? null : Path.of(certificate),
                        settings.optional("office365.client-certificate-password"))
                .sslContext(sslContext)
                .build();
    }

    private static SSLContext sslContext(CamelContext context, String beanName) throws Exception {
        if (beanName == null) {
            return SSLContext.getDefault();
        }
        SSLContextParameters parameters = context.getRegistry().lookupByNameAndType(beanName, SSLContextParameters.class);
        if (parameters == null) {
            throw new IllegalArgumentException("Property office365.ssl-context-parameters names the bean '" + beanName
                                               + "', but the registry holds no SSLContextParameters of that name");
        }
        return parameters.createSSLContext(context);
    }

    /** The properties of the governance, each required one named in the error when it is missing. */
    static final class Settings {

        private final PropertiesComponent properties;

        Settings(PropertiesComponent properties) {
            this.properties = properties;
        }

        String required(String name) {
            String value = optional(name);
            if (value == null) {
                throw new IllegalArgumentException("Property " + name + " is required by the governance of the routes"
                                                   + " (see README.md, Governance)");
            }
            return value;
        }

        String optional(String name) {
            return properties.resolveProperty(name).map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
        }

        Duration duration(String name) {
            String value = required(name);
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Property " + name + " has the value '" + value
                                                   + "', which is not an ISO-8601 duration such as PT5S or P180D");
            }
        }
    }

    /** Closes the ledger's connections when the application stops. */
    private static final class LedgerService extends ServiceSupport {

        private final JdbcConsentLedger ledger;

        LedgerService(JdbcConsentLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        protected void doStop() throws Exception {
            ledger.close();
        }
    }
}
