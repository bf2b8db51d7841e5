package io.github.cameloffice365.app.sink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.cameloffice365.simulator.identity.SelfSignedCertificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * One Azurite Blob service for the test JVM, from the pinned npm package in {@code tools/azurite}: HTTPS with a
 * certificate made here, {@code --oauth basic} (bearer tokens are checked for issuer, audience and lifetime), in-memory
 * persistence, telemetry off, on a free loopback port that Azurite picks and reports. It serves the storage account
 * {@value #ACCOUNT}. Stopped when the test JVM's root extension store closes (it closes what is AutoCloseable).
 */
final class Azurite implements AutoCloseable {

    /** The storage account Azurite serves. */
    static final String ACCOUNT = "sinkaccount";

    private static final Pattern LISTENING = Pattern.compile("listens on https://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final SelfSignedCertificate certificate;
    private final Path workDirectory;

    private Azurite(Process process, int port, SelfSignedCertificate certificate, Path workDirectory) {
        this.process = process;
        this.port = port;
        this.certificate = certificate;
        this.workDirectory = workDirectory;
    }

    /** The folder of the pinned Azurite install, from system property {@code office365.azurite.dir}. */
    static Path home() {
        return Path.of(System.getProperty("office365.azurite.dir", "../tools/azurite")).toAbsolutePath().normalize();
    }

    /** Why Azurite cannot run here, or null when it can. */
    static String missingReason() {
        Path main = home().resolve("node_modules/azurite/dist/src/blob/main.js");
        if (!Files.isRegularFile(main)) {
            return "Azurite is not installed in " + home() + "; run .ci/azurite.sh (npm ci in tools/azurite)";
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "node does not run";
            }
        } catch (IOException e) {
            return "node is not on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for node";
        }
        return null;
    }

    static Azurite start() throws IOException, InterruptedException {
        Path workDirectory = Files.createTempDirectory("azurite-");
        SelfSignedCertificate certificate = SelfSignedCertificate.forLoopbackServer();
        Path certFile = workDirectory.resolve("cert.pem");
        Path keyFile = workDirectory.resolve("key.pem");
        try (Writer out = Files.newBufferedWriter(certFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate.certificate());
        }
        try (Writer out = Files.newBufferedWriter(keyFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate.keyPair().getPrivate());
        }
        Path log = Path.of("target", "azurite.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("node",
                home().resolve("node_modules/azurite/dist/src/blob/main.js").toString(),
                "--blobHost", "127.0.0.1", "--blobPort", "0",
                "--cert", certFile.toString(), "--key", keyFile.toString(),
                "--oauth", "basic", "--inMemoryPersistence", "--extentMemoryLimit", "2048",
                "--disableTelemetry", "--silent"))
                .directory(workDirectory.toFile())
                .redirectErrorStream(true);
        // Azurite needs a key for every account it serves; the sinks never use it, they send bearer tokens
        String unusedKey = Base64.getEncoder().encodeToString("unused-account-key".getBytes(StandardCharsets.UTF_8));
        builder.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + unusedKey);
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(process, log, port), "azurite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Azurite(process, port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), certificate, workDirectory);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IOException("Azurite did not report its port within " + START_TIMEOUT.toSeconds() + " s; see " + log, e);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("Azurite ended its output without reporting a port"));
    }

    /** The Blob endpoint of the account, IP-style: {@code https://127.0.0.1:PORT/sinkaccount}. */
    String endpoint() {
        return "https://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    int port() {
        return port;
    }

    /** Azurite's TLS certificate, for the trust store of the clients. */
    X509Certificate certificate() {
        return certificate.certificate();
    }

    /** Azurite's key and certificate, for a server that stands in front of it. */
    SelfSignedCertificate serverCertificate() {
        return certificate;
    }

    @Override
    public void close() throws IOException {
        stop(process);
        try (var files = Files.walk(workDirectory)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
