package io.github.cameloffice365.simulator.dfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Serves one {@link DfsSimulator} on its own server on 127.0.0.1 and a free port: HTTPS with the given
 * {@link SSLContext} (the Azure SDK sends bearer tokens over HTTPS only), or plain HTTP for protocol tests without
 * tokens in the way. Closing it stops the server and closes the simulator.
 */
public final class DfsServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DfsSimulator simulator;
    private final String scheme;

    private DfsServer(HttpServer server, DfsSimulator simulator, String scheme) {
        this.server = server;
        this.simulator = simulator;
        this.scheme = scheme;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "dfs-simulator");
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(executor);
        server.createContext(simulator.pathPrefix(), simulator);
        server.start();
    }

    /** Serves the simulator over HTTPS with this server certificate and key. */
    public static DfsServer https(DfsSimulator simulator, SSLContext sslContext) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext));
            return new DfsServer(server, simulator, "https");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the ADLS Gen2 simulator on 127.0.0.1", e);
        }
    }

    /** Serves the simulator over plain HTTP. */
    public static DfsServer http(DfsSimulator simulator) {
        try {
            return new DfsServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    simulator, "http");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the ADLS Gen2 simulator on 127.0.0.1", e);
        }
    }

    /** The account endpoint, IP-style: {@code https://127.0.0.1:PORT/<account>}. */
    public String endpoint() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + simulator.pathPrefix();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public DfsSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        simulator.close();
    }
}
