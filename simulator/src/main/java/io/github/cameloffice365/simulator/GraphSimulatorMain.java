package io.github.cameloffice365.simulator;

import io.github.cameloffice365.simulator.tenant.GeneratedTenant;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line until stopped:
 * {@code java -jar camel-office365-simulator.jar --port 8443 --tenant demo|generated:USERS:MESSAGES|<folder>
 * [--out <folder>]}. It prints the base URL, tenant id and client id, and writes the client secret and a PKCS#12
 * trust store (password {@code changeit}) into the output folder (default {@code ./graph-simulator}).
 */
public final class GraphSimulatorMain {

    /** The password of the written trust store. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private GraphSimulatorMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        GraphSimulator simulator = GraphSimulator.builder().tenant(options.tenant()).port(options.port())
                .build().start();
        Path out = options.out().toAbsolutePath().normalize();
        Files.createDirectories(out);
        Path secretFile = out.resolve("client-secret.txt");
        Path trustStore = out.resolve("truststore.p12");
        writeSecret(secretFile, simulator.applicationClientSecret());
        simulator.writeTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
        describe(System.out, simulator, secretFile, trustStore);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "graph-simulator-shutdown"));
        stopped.await();
    }

    private static void describe(PrintStream out, GraphSimulator simulator, Path secretFile, Path trustStore) {
        out.println("Graph simulator running");
        out.println("  base URL      " + simulator.baseUrl() + "   (Graph: " + simulator.baseUrl() + "/v1.0)");
        out.println("  authority     " + simulator.authority());
        out.println("  tenant id     " + simulator.tenantId() + "   (" + simulator.tenant().displayName() + ")");
        out.println("  client id     " + simulator.applicationClientId());
        out.println("  client secret written to " + secretFile);
        out.println("  trust store   " + trustStore + " (PKCS12, password " + TRUST_STORE_PASSWORD + ")");
        out.println("Stop with Ctrl+C.");
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.writeString(file, secret == null ? "" : secret, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(true, true);
        }
    }

    /** The command-line options. */
    record Options(int port, Tenant tenant, Path out) {

        static final String USAGE = "usage: GraphSimulatorMain [--port N] [--tenant demo|generated:USERS:MESSAGES|"
                + "<folder>] [--out <folder>]";

        static Options parse(String[] args) {
            int port = 8443;
            String tenant = "demo";
            Path out = Path.of("graph-simulator");
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = parsePort(value);
                    case "--tenant" -> tenant = value;
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("Unknown option " + name);
                }
            }
            return new Options(port, tenant(tenant), out);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw new IllegalArgumentException("--port must be a number 0..65535, got '" + value + "'");
        }

        static Tenant tenant(String value) {
            if (value.startsWith("generated:")) {
                String[] parts = value.split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("--tenant generated:USERS:MESSAGES expected, got '" + value + "'");
                }
                try {
                    return GeneratedTenant.builder().users(Integer.parseInt(parts[1]))
                            .messagesPerUser(Integer.parseInt(parts[2])).build();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--tenant generated:USERS:MESSAGES takes two numbers, got '"
                            + value + "'");
                }
            }
            Path folder = Path.of(value);
            if (Files.isDirectory(folder)) {
                return TenantFixtures.fromDirectory(folder);
            }
            if (TenantFixtures.existsOnClasspath(value)) {
                return TenantFixtures.fromClasspath(value);
            }
            throw new IllegalArgumentException("--tenant '" + value + "' is neither a built-in tenant (demo), "
                    + "generated:USERS:MESSAGES, nor a folder holding tenant.json");
        }
    }
}
