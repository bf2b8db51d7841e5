package io.github.cameloffice365.governance.approval;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.cameloffice365.component.Office365Component;
import io.github.cameloffice365.component.Office365Configuration;
import io.github.cameloffice365.component.Office365Constants;
import io.github.cameloffice365.component.Office365RunContext;
import io.github.cameloffice365.governance.approval.ApproversTestBed.TestUser;
import io.github.cameloffice365.governance.consent.ConsentRequest;
import io.github.cameloffice365.governance.consent.ConsentState;
import io.github.cameloffice365.governance.consent.ConsentWaitProcessor;
import io.github.cameloffice365.governance.consent.RunContexts;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static io.github.cameloffice365.governance.approval.ApproversTestBed.ALICE;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The approvers' page end to end in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): sign in
 * at the simulator's authority with PKCE, see a pending request with its context, approve or be refused. Skips when
 * the browser is absent, unless {@code office365.browser.required=true}.
 */
class ApprovalsPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USERS_TABLE = "BasicDataSet_v0.User_v1";

    private static ApproversTestBed bed;
    private Path browserHome;
    private ChromeDriverService service;
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && Boolean.getBoolean("office365.browser.required")) {
            fail("office365.browser.required is true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; run"
                    + " .ci/chromium.sh to install Debian's chromium and chromium-driver");
        }
        String missing = "Skipping the browser tests: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (install"
                + " Debian's chromium and chromium-driver, e.g. with .ci/chromium.sh)";
        if (!present) {
            // Surefire does not print why a whole class was skipped: say it on the console
            System.err.println("SKIPPED " + missing);
        }
        assumeTrue(present, missing);
        bed = new ApproversTestBed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browserHome = Files.createTempDirectory("approvals-browser");
        Path profile = Files.createDirectory(browserHome.resolve("profile"));
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", browserHome.toString()))
                .withLogFile(browserHome.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--window-size=1280,1600",
                "--user-data-dir=" + profile,
                // trust the simulator's certificate made at start, and no other
                "--ignore-certificate-errors-spki-list=" + spkiHash());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (browserHome == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(browserHome)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void anApproverSignsInSeesThePendingRequestWithItsContextApprovesItAndTheHeldRunContinues() throws Exception {
        Office365RunContext context = RunContexts.messages("Id", "Subject", "ReceivedDateTime", "From");
        CompletableFuture<Exchange> run = holdARunFor(context);
        ConsentRequest pending = awaitFiledRequest(context);
        assertThat(run).isNotDone();

        signIn(ALICE);
        WebElement card = requestCard(pending.id());
        String shown = card.getText();
        assertThat(shown).contains(context.table(), "Id, Subject, ReceivedDateTime, From", context.scopeDescription(),
                context.destination(), context.requester(), context.office365TenantId(), BOB.upn(), pending.id(),
                pending.expiresAt().toString());
        card.findElement(By.name("comment")).sendKeys("Finance may read its mail subjects");
        card.findElement(By.cssSelector("button[data-action='approve']")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "Request " + pending.id() + " for " + context.table() + " approved by " + ALICE.upn() + "."));
        ConsentRequest decided = bed.ledger().find(pending.id(), Instant.now()).orElseThrow();
        assertThat(decided.state()).isEqualTo(ConsentState.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo(ALICE.upn());
        assertThat(decided.comment()).isEqualTo("Finance may read its mail subjects");
        Exchange continued = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(continued.getException()).isNull();
        assertThat(continued.getMessage().getHeader(ConsentWaitProcessor.CONSENT_REQUEST_ID)).isEqualTo(pending.id());

        browser.findElement(By.cssSelector("#states button[data-state='approved']")).click();
        WebElement approvedCard = requestCard(pending.id());
        assertThat(approvedCard.getText()).contains("approved", ALICE.upn(), "Finance may read its mail subjects");
    }

    @Test
    void anApproverUnblocksARealExtractionThatReadNothingBeforeTheApproval() throws Exception {
        Path output = Files.createDirectories(browserHome.resolve("output"));
        startExtraction(output);
        ConsentRequest pending = awaitPendingRequestFor(USERS_TABLE);
        assertThat(bed.graph().requests()).noneMatch(request -> request.pathAndQuery().startsWith("/v1.0/users"));

        signIn(ALICE);
        WebElement card = requestCard(pending.id());
        card.findElement(By.name("comment")).sendKeys("Directory rows for the pilot");
        card.findElement(By.cssSelector("button[data-action='approve']")).click();

        Path summary = awaitFile(output, "_summary.json");
        assertThat(summary.getParent().getParent().getFileName().toString()).isEqualTo(USERS_TABLE);
        try (Stream<Path> parts = Files.list(summary.getParent())) {
            String rows = parts.filter(part -> part.getFileName().toString().startsWith("part-"))
                    .map(ApprovalsPageBrowserTest::read).reduce("", String::concat);
            assertThat(rows).contains(ALICE.id(), BOB.id());
        }
        assertThat(bed.ledger().find(pending.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.APPROVED);
    }

    @Test
    void theRequesterWhoTriesToApproveTheirOwnRequestIsRefusedInWords() throws Exception {
        ConsentRequest pending = bed.ledger().fileRequest(RunContexts.messages("Id", "Sender", "ToRecipients"),
                BOB.upn(), Instant.now());

        signIn(BOB);
        WebElement card = requestCard(pending.id());
        card.findElement(By.name("comment")).sendKeys("approving my own request");
        card.findElement(By.cssSelector("button[data-action='approve']")).click();

        WebElement error = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOf(
                card.findElement(By.cssSelector(".decision .error"))));
        assertThat(error.getText()).isEqualTo("Requestor and approver are the same. Self-approval is not allowed.");
        assertThat(bed.ledger().find(pending.id(), Instant.now()).orElseThrow().state())
                .isEqualTo(ConsentState.REQUESTING_CONSENT);
    }

    @Test
    void aWrongPasswordKeepsTheUserOnTheSignInPageWithAMessage() throws Exception {
        browser.get(bed.baseUrl() + "/approvals");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(ALICE.upn());
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("sign-in-submit")).click();

        WebElement error = new WebDriverWait(browser, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).isEqualTo("Your account or password is incorrect.");
        assertThat(browser.getCurrentUrl()).startsWith(bed.graph().baseUrl());
    }

    /** The extractor's office365 consumer: RunStart through the consent-wait processor, parts to a folder. */
    private void startExtraction(Path output) throws Exception {
        Path trustStore = browserHome.resolve("simulator-trust.p12");
        bed.graph().writeTrustStore(trustStore, "trust-store".toCharArray());
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + trustStore.toAbsolutePath());
        keyStore.setType("PKCS12");
        keyStore.setPassword("trust-store");
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(keyStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);

        Office365Configuration configuration = bed.camel().getComponent("office365", Office365Component.class)
                .getConfiguration();
        configuration.setOffice365TenantId(bed.graph().tenantId());
        configuration.setServicePrincipalId(bed.graph().applicationClientId());
        configuration.setServicePrincipalKey(bed.graph().applicationClientSecret());
        configuration.setGraphBaseUrl(bed.graph().baseUrl());
        configuration.setAuthorityHost(bed.graph().authorityHost());
        configuration.setSslContextParameters(tls);

        ConsentWaitProcessor consentWait = new ConsentWaitProcessor(bed.ledger(), BOB.upn());
        consentWait.setApplicationOwners(bed.applicationOwners());
        consentWait.setPollInterval(Duration.ofMillis(200));
        consentWait.setWaitTimeout(Duration.ofMinutes(2));
        String folder = "file:" + output.toAbsolutePath();
        bed.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("office365:" + USERS_TABLE + "?repeatCount=1&destination=" + folder).routeId("extraction")
                        .choice()
                        .when(header(Office365Constants.EXCHANGE_KIND).isEqualTo(Office365Constants.KIND_RUN_START))
                        .process(consentWait)
                        .otherwise()
                        .to(folder);
            }
        });
    }

    private static ConsentRequest awaitPendingRequestFor(String table) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var pending = bed.ledger().list(java.util.Optional.of(ConsentState.REQUESTING_CONSENT), Instant.now())
                    .stream().filter(request -> request.context().table().equals(table)).findFirst();
            if (pending.isPresent()) {
                return pending.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The extraction filed no consent request within " + WAIT);
    }

    private static Path awaitFile(Path folder, String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(folder)) {
                var found = files.filter(file -> file.getFileName().toString().equals(name)).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The extraction wrote no " + name + " within " + WAIT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Signs a test user in through the page's button and the simulator's sign-in form. */
    private void signIn(TestUser user) {
        browser.get(bed.baseUrl() + "/approvals");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user.upn());
        browser.findElement(By.id("password")).sendKeys(ApproversTestBed.PASSWORD);
        browser.findElement(By.id("sign-in-submit")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("signed-in-as"), "Signed in as " + user.name() + " (" + user.upn() + ")"));
        assertThat(browser.getCurrentUrl()).isEqualTo(bed.baseUrl() + "/approvals");
    }

    private WebElement requestCard(String requestId) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article[data-request-id='" + requestId + "']")));
    }

    /** Sends a RunStart exchange through the consent-wait processor on another thread, as the consumer would. */
    private CompletableFuture<Exchange> holdARunFor(Office365RunContext context) throws Exception {
        String endpoint = "direct:run-start-" + context.consentKey().substring(0, 12);
        ConsentWaitProcessor consentWait = new ConsentWaitProcessor(bed.ledger(), BOB.upn());
        consentWait.setApplicationOwners(bed.applicationOwners());
        consentWait.setPollInterval(Duration.ofMillis(200));
        consentWait.setWaitTimeout(Duration.ofMinutes(2));
        bed.camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(endpoint).process(consentWait);
            }
        });
        return bed.camel().createProducerTemplate().asyncSend(endpoint, exchange -> {
            exchange.getMessage().setHeader(Office365Constants.EXCHANGE_KIND, Office365Constants.KIND_RUN_START);
            exchange.getMessage().setBody(context);
        });
    }

    private static ConsentRequest awaitFiledRequest(Office365RunContext context) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var filed = bed.ledger().latestFor(context.consentKey(), Instant.now());
            if (filed.isPresent()) {
                return filed.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The held run filed no consent request within " + WAIT);
    }

    /** The base64 SHA-256 of the simulator certificate's public key, as Chromium's SPKI allow-list takes it. */
    private static String spkiHash() throws Exception {
        byte[] spki = bed.graph().serverCertificate().getPublicKey().getEncoded();
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    }
}
