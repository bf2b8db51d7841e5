package io.github.cameloffice365.app.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.cameloffice365.simulator.identity.SelfSignedCertificate;

/**
 * An HTTPS proxy on loopback in front of Azurite that forwards every request and, for the requests a test picks, lets
 * the request take effect in Azurite and then drops the connection instead of answering: the write happened, the
 * client cannot know, and retries. It presents Azurite's own certificate, so clients trust it as they trust Azurite.
 */
final class FaultProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "keep-alive", "transfer-encoding");

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient upstream;
    private final String upstreamBase;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private volatile Predicate<HttpExchange> dropAfterForwarding = exchange -> false;
    private final AtomicInteger dropsLeft = new AtomicInteger();

    FaultProxy(Azurite azurite) throws IOException, GeneralSecurityException {
        SelfSignedCertificate certificate = azurite.serverCertificate();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(certificate.toKeyStore("azurite", "proxy".toCharArray()), "proxy".toCharArray());
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("azurite", certificate.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        upstream = HttpClient.newBuilder().sslContext(clientContext).connectTimeout(Duration.ofSeconds(5)).build();
        upstreamBase = "https://127.0.0.1:" + azurite.port();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** The Blob endpoint of Azurite's account, through this proxy. */
    String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/" + Azurite.ACCOUNT;
    }

    /** Lets the next {@code times} requests that match take effect and then drops their connection. */
    void dropResponsesAfterForwarding(Predicate<HttpExchange> which, int times) {
        dropsLeft.set(times);
        dropAfterForwarding = which;
    }

    /** Method and path of every request forwarded, with {@code (dropped)} after the ones whose answer was lost. */
    List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** True for a Put Blob request: a PUT of a blob, not of a block, block list or container. */
    static boolean isPutBlob(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return "PUT".equals(exchange.getRequestMethod()) && (query == null || !query.contains("comp="))
               && (query == null || !query.contains("restype="));
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI target = URI.create(upstreamBase + exchange.getRequestURI().getRawPath()
                                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 && !"PUT".equals(exchange.getRequestMethod())
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            if (dropAfterForwarding.test(exchange) && dropsLeft.getAndDecrement() > 0) {
                // the request took effect upstream; its answer is lost on the way back
                forwarded.add(line + " (dropped)");
                return;
            }
            forwarded.add(line);
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.body().length == 0;
            if ("HEAD".equals(exchange.getRequestMethod())) {
                response.headers().firstValue("content-length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
