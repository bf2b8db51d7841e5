package io.github.cameloffice365.simulator;

import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantFixtures;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a {@link GraphSimulator} for a test class: started once before all tests, reset (faults, scripted pages,
 * request log, throttle counts) before each, stopped after all. Test methods and constructors may take a
 * {@code GraphSimulator} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static GraphSimulatorExtension graph = GraphSimulatorExtension.forTenant("demo");
 * }</pre>
 */
public final class GraphSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private final Supplier<Tenant> tenant;
    private Consumer<GraphSimulator.Builder> configuration = builder -> { };
    private GraphSimulator simulator;

    private GraphSimulatorExtension(Supplier<Tenant> tenant) {
        this.tenant = tenant;
    }

    /** Serves this tenant. */
    public static GraphSimulatorExtension forTenant(Tenant tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return new GraphSimulatorExtension(() -> tenant);
    }

    /** Serves the tenant made by this supplier when the class starts. */
    public static GraphSimulatorExtension forTenant(Supplier<Tenant> tenant) {
        return new GraphSimulatorExtension(Objects.requireNonNull(tenant, "tenant"));
    }

    /** Serves the classpath tenant {@code tenants/<name>/}, e.g. {@code demo}. */
    public static GraphSimulatorExtension forTenant(String classpathName) {
        return new GraphSimulatorExtension(() -> TenantFixtures.fromClasspath(classpathName));
    }

    /** Further builder settings (throttle limits, extra handlers, ...), applied before the simulator starts. */
    public GraphSimulatorExtension configure(Consumer<GraphSimulator.Builder> settings) {
        this.configuration = this.configuration.andThen(Objects.requireNonNull(settings, "settings"));
        return this;
    }

    /** The running simulator. */
    public GraphSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The Graph simulator runs only while the test class runs");
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GraphSimulator.Builder builder = GraphSimulator.builder().tenant(tenant.get());
        configuration.accept(builder);
        simulator = builder.build().start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GraphSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return simulator();
    }
}
