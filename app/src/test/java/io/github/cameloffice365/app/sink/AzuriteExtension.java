package io.github.cameloffice365.app.sink;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts {@link Azurite} once for the test JVM and hands it to test constructors and methods. Where Azurite or node is
 * missing, the tests skip with the reason, unless system property {@code office365.azurite.required=true} (CI): then
 * they fail.
 */
public final class AzuriteExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        azurite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return azurite(context);
    }

    private static Azurite azurite(ExtensionContext context) {
        String missing = Azurite.missingReason();
        if (missing != null) {
            if (Boolean.getBoolean("office365.azurite.required")) {
                throw new IllegalStateException("Azurite is required (office365.azurite.required=true) but " + missing);
            }
            // Surefire does not print why a whole class was skipped: say it on the console
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing);
            Assumptions.abort("Skipped: " + missing);
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Azurite.class, type -> {
            try {
                return Azurite.start();
            } catch (Exception e) {
                throw new IllegalStateException("Azurite did not start: " + e.getMessage(), e);
            }
        }, Azurite.class);
    }
}
