package io.github.cameloffice365.governance.consent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365RunContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a run until an approver of the tenant has consented to its context, as MGDC does. It acts on the
 * {@code RunStart} exchange of an {@code office365} consumer and lets every other exchange pass untouched.
 * <p>
 * First it makes sure the requester ({@link #getRequestedBy() requestedBy}) is an owner of the application that runs
 * the extraction (the service principal of the run's context), asking the directory
 * ({@link #getApplicationOwners() applicationOwners}); when not, the run fails with a
 * {@link RequesterNotOwnerException} before any request is filed or anything is read. The request records the
 * requester's object id.
 * <p>
 * A context with an approved, unexpired request of the same requester passes at once. Otherwise the processor files a
 * request (or takes up the pending one) and polls the ledger, blocking the consumer's thread, so nothing is read while
 * it waits:
 * <ul>
 * <li>approved: the run goes on;</li>
 * <li>denied: the run fails at once with a {@link ConsentDeniedException} naming who denied and their comment; a
 * denial stands for the context: every later run of it fails too, whoever requests it, until a request of the context
 * is approved after the denial (the context's last decision is what counts);</li>
 * <li>lapsed: the run fails with a {@link ConsentExpiredException} ("request expired"); the next run files a new
 * request;</li>
 * <li>still pending after {@link #getWaitTimeout() waitTimeout}: the run fails with a
 * {@link ConsentPendingException}; the request stays open and the next run waits on it again.</li>
 * </ul>
 * On success the header {@value #CONSENT_REQUEST_ID} holds the id of the approved request.
 */
public class ConsentWaitProcessor extends ServiceSupport implements Processor {

    /** The header that holds the id of the request that approved the run, set on the RunStart exchange. */
    public static final String CONSENT_REQUEST_ID = "CamelOffice365ConsentRequestId";

    /** The default wait for a decision: one hour. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofHours(1);
    /** The default interval between two looks at the ledger: five seconds. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConsentWaitProcessor.class);
    private static final String REQUEST_ID_PLACEHOLDER = "{requestId}";

    private ConsentLedger ledger;
    private String requestedBy;
    private ApplicationOwners applicationOwners;
    private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private String approvalUrl;
    private Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    public ConsentWaitProcessor() {
    }

    public ConsentWaitProcessor(ConsentLedger ledger, String requestedBy) {
        this.ledger = ledger;
        this.requestedBy = requestedBy;
    }

    /** The consent ledger that records requests and decisions. Required. */
    public ConsentLedger getLedger() {
        return ledger;
    }

    public void setLedger(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The person who requests the data, by user principal name (e.g. megan@contoso.com): in MGDC, the owner of the
     * service principal, a member of the tenant. Every run checks that this user owns the application (see
     * {@link #getApplicationOwners()}). Approvers see this name, and no owner of the application can approve. A
     * different requester needs a new approval. Required.
     */
    public String getRequestedBy() {
        return requestedBy;
    }

    public void setRequestedBy(String requestedBy) {
        this.requestedBy = requestedBy;
    }

    /**
     * Who owns the applications of the tenant: the requester must be an owner of the application that runs the
     * extraction. Usually a {@link GraphApplicationOwners} with the application's own Graph token (it needs
     * Application.Read.All). Required.
     */
    public ApplicationOwners getApplicationOwners() {
        return applicationOwners;
    }

    public void setApplicationOwners(ApplicationOwners applicationOwners) {
        this.applicationOwners = applicationOwners;
    }

    /**
     * How long a run waits for a decision on a pending request (e.g. PT1H or 1h) before it fails; the request stays
     * pending for the next run. Default one hour.
     */
    public Duration getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    /** How often a waiting run looks at the ledger for a decision (e.g. PT5S or 5s). Default five seconds. */
    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * Where approvers decide, written in the log line that announces a request, e.g.
     * https://mgdc.contoso.com/approvals/{requestId}; {requestId} is replaced by the request's id. Optional.
     */
    public String getApprovalUrl() {
        return approvalUrl;
    }

    public void setApprovalUrl(String approvalUrl) {
        this.approvalUrl = approvalUrl;
    }

    /** The clock that dates requests and tells lapses; tests replace it. Default the system clock in UTC. */
    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doStart() {
        validate();
        stopping = false;
    }

    @Override
    protected void doStop() {
        // a run waiting for consent gives up at its next look at the ledger
        stopping = true;
    }

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException naming the option, the value and what is accepted
     */
    public void validate() {
        if (ledger == null) {
            throw new IllegalArgumentException("consentWait option ledger is required: a ConsentLedger bean");
        }
        if (requestedBy == null || requestedBy.isBlank() || !requestedBy.contains("@")) {
            throw new IllegalArgumentException("consentWait option requestedBy is '" + requestedBy + "': expected the"
                                               + " user principal name of the service principal's owner, e.g."
                                               + " megan@contoso.com");
        }
        if (applicationOwners == null) {
            throw new IllegalArgumentException("consentWait option applicationOwners is required: an"
                                               + " ApplicationOwners, e.g. a GraphApplicationOwners on the Graph base"
                                               + " URL with the application's token, to check that requestedBy owns"
                                               + " the application");
        }
        requirePositive(waitTimeout, "waitTimeout");
        requirePositive(pollInterval, "pollInterval");
        if (clock == null) {
            throw new IllegalArgumentException("consentWait option clock is null: expected a java.time.Clock");
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (!Office365Constants.KIND_RUN_START.equals(
                exchange.getMessage().getHeader(Office365Constants.EXCHANGE_KIND, String.class))) {
            return;
        }
        if (!isStarted()) {
            validate();
        }
        Office365RunContext context = exchange.getMessage().getBody(Office365RunContext.class);
        if (context == null) {
            throw new IllegalArgumentException("The RunStart exchange has no Office365RunContext body, so consent"
                                               + " cannot be decided; put consentWait right after the office365"
                                               + " consumer, before anything that changes the body");
        }

        ApplicationOwner requester = verifiedRequester(context);
        ConsentRequest approved = awaitConsent(context, requester.objectId(), () -> isShuttingDown(exchange));

        exchange.getMessage().setHeader(CONSENT_REQUEST_ID, approved.id());
    }

    /**
     * The requester as an owner of the application that runs the extraction, with the object id the directory gives.
     *
     * @throws RequesterNotOwnerException when the requester is not an owner, or the owners cannot be read
     */
    private ApplicationOwner verifiedRequester(Office365RunContext context) {
        String appId = applicationIdOf(context);
        List<ApplicationOwner> owners;
        try {
            owners = applicationOwners.ownersOf(appId);
        } catch (IOException | RuntimeException e) {
            throw new RequesterNotOwnerException("Cannot tell whether consentWait option requestedBy '" + requestedBy
                                                 + "' owns the application " + appId + " that runs " + describe(context)
                                                 + ": " + e.getMessage() + ". Nothing was requested or read; the"
                                                 + " application needs the Graph permission Application.Read.All",
                    e);
        }
        for (ApplicationOwner owner : owners) {
            if (JdbcConsentLedger.sameIdentity(owner.userPrincipalName(), requestedBy)
                || JdbcConsentLedger.sameIdentity(owner.objectId(), requestedBy)) {
                LOG.debug("Requester {} owns the application {} (object id {})", requestedBy, appId, owner.objectId());
                return owner;
            }
        }
        String named = owners.stream().map(owner -> owner.userPrincipalName() == null ? owner.objectId()
                : owner.userPrincipalName()).collect(Collectors.joining(", "));
        throw new RequesterNotOwnerException("consentWait option requestedBy is '" + requestedBy + "', who is not an"
                                             + " owner of the application " + appId + " that runs " + describe(context)
                                             + " (its owners: " + (named.isEmpty() ? "none" : named) + "). In MGDC the"
                                             + " requester is an owner of the service principal: name one of its"
                                             + " owners, or have an administrator add the requester as an owner."
                                             + " Nothing was requested or read");
    }

    /** The application (client) id of the run's service principal: the context's requester is appId@tenantId. */
    private static String applicationIdOf(Office365RunContext context) {
        String requester = context.requester();
        int at = requester == null ? -1 : requester.indexOf('@');
        return at < 0 ? requester : requester.substring(0, at);
    }

    /**
     * The consent decision alone, for a requester already known to own the application (tests of the decision use
     * it); {@link #process} checks the requester first. Returns the approved request of the context, filing a request
     * and waiting for a decision when there is none.
     *
     * @throws ConsentException when consent is denied, lapsed, or still pending when the wait ends
     */
    ConsentRequest awaitConsent(Office365RunContext context) {
        return awaitConsent(context, null, () -> false);
    }

    private ConsentRequest awaitConsent(Office365RunContext context, String requesterId,
                                        BooleanSupplier shuttingDown) {
        // the context's last decision comes first: a denial holds for every run of the context, whoever files
        Optional<ConsentRequest> decided = ledger.latestDecidedFor(context.consentKey(), clock.instant());
        if (decided.isPresent() && decided.get().state() == ConsentState.DENIED) {
            throw denied(decided.get(), context);
        }
        if (decided.isPresent() && decided.get().state() == ConsentState.APPROVED
            && JdbcConsentLedger.sameIdentity(decided.get().requestedBy(), requestedBy)) {
            logGranted(decided.get(), context);
            return decided.get();
        }

        // an own denial older than the last decision (an approval) no longer holds: a new request is filed
        Optional<ConsentRequest> latest = ledger.latestFor(context.consentKey(), clock.instant())
                .filter(request -> JdbcConsentLedger.sameIdentity(request.requestedBy(), requestedBy))
                .filter(request -> request.state() != ConsentState.DENIED);

        if (latest.isPresent() && latest.get().state() == ConsentState.APPROVED) {
            logGranted(latest.get(), context);
            return latest.get();
        }

        ConsentRequest pending;
        if (latest.isPresent() && latest.get().state() == ConsentState.REQUESTING_CONSENT) {
            pending = latest.get();
            LOG.info("Consent pending for {} {} -> {}: waiting on request {} (RequestingConsent, filed by {} at {},"
                     + " lapses at {}) for up to {}; an approver decides {}", context.table(),
                     context.scopeDescription(), context.destination(), pending.id(), pending.requestedBy(),
                     pending.requestedAt(), pending.expiresAt(), waitTimeout, where(pending));
        } else {
            pending = ledger.fileRequest(context, requestedBy, requesterId, clock.instant());
            LOG.info("Consent requested for {} {} -> {}: request {} (RequestingConsent) filed by {}, lapses at {};"
                     + " waiting up to {} for an approver, who decides {}", context.table(),
                     context.scopeDescription(), context.destination(), pending.id(), pending.requestedBy(),
                     pending.expiresAt(), waitTimeout, where(pending));
        }
        return waitForDecision(pending, context, shuttingDown);
    }

    private ConsentRequest waitForDecision(ConsentRequest pending, Office365RunContext context,
                                           BooleanSupplier shuttingDown) {
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        ConsentRequest current = pending;
        while (true) {
            current = ledger.find(pending.id(), clock.instant()).orElseThrow(
                    () -> new ConsentException("Consent request " + pending.id() + " for " + context.table()
                                               + " disappeared from the ledger while the run waited on it", pending));
            switch (current.state()) {
                case APPROVED -> {
                    logGranted(current, context);
                    return current;
                }
                case DENIED -> throw denied(current, context);
                case EXPIRED -> throw new ConsentExpiredException("Consent request expired: nobody answered request "
                        + current.id() + " for " + describe(context) + " (filed by " + current.requestedBy() + " at "
                        + current.requestedAt() + ") before " + current.expiresAt() + "; the next run files a new"
                        + " request", current);
                case REQUESTING_CONSENT -> LOG.debug("Consent request {} still pending", current.id());
            }

            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || stopping || shuttingDown.getAsBoolean()) {
                String when = remaining <= 0 ? "after waiting " + waitTimeout : "when the route stopped, waiting";
                throw new ConsentPendingException("Consent still pending " + when + " for a decision on request "
                        + current.id() + " for " + describe(context) + ". The request stays open until "
                        + current.expiresAt() + " and the next run waits on it again; an approver decides "
                        + where(current), current);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, pollInterval.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsentPendingException("Consent still pending when the run was interrupted, waiting for a"
                        + " decision on request " + current.id() + " for " + describe(context) + ". The request stays"
                        + " open until " + current.expiresAt() + " and the next run waits on it again", current);
            }
        }
    }

    /** The application or the route is stopping: a waiting run lets it stop instead of holding it up. */
    private static boolean isShuttingDown(Exchange exchange) {
        CamelContext camel = exchange.getContext();
        if (camel.isStopping() || camel.isStopped()) {
            return true;
        }
        String routeId = exchange.getFromRouteId();
        ServiceStatus route = routeId == null ? null : camel.getRouteController().getRouteStatus(routeId);
        return route != null && (route.isStopping() || route.isStopped());
    }

    private void logGranted(ConsentRequest request, Office365RunContext context) {
        LOG.info("Consent granted by {} at {} for {} {} -> {} (request {}, valid until {})", request.decidedBy(),
                 request.decidedAt(), context.table(), context.scopeDescription(), context.destination(),
                 request.id(), request.approvalExpiresAt());
    }

    private static ConsentDeniedException denied(ConsentRequest request, Office365RunContext context) {
        String comment = request.comment() == null || request.comment().isBlank()
                ? "no comment" : "comment: \"" + request.comment() + "\"";
        return new ConsentDeniedException("Consent denied by " + request.decidedBy() + " at " + request.decidedAt()
                                          + " (" + comment + ") for request " + request.id() + ", "
                                          + describe(context) + ". Every run of this context fails, whoever requests it,"
                                          + " until its table, columns, scope, destination or requesting application"
                                          + " change",
                request);
    }

    private static String describe(Office365RunContext context) {
        return context.table() + " " + context.scopeDescription() + " -> " + context.destination();
    }

    private String where(ConsentRequest request) {
        if (approvalUrl == null || approvalUrl.isBlank()) {
            return "in the approvers' page";
        }
        return "at " + approvalUrl.replace(REQUEST_ID_PLACEHOLDER, request.id());
    }

    private static void requirePositive(Duration duration, String option) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("consentWait option " + option + " is '" + duration + "': expected a"
                                               + " positive duration, e.g. PT10M or 10m");
        }
    }
}
