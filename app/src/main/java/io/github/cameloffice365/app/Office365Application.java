package io.github.cameloffice365.app;

import org.apache.camel.main.Main;

/**
 * The camel-office365 application: camel-main running a route from routes/. With no tenant configured, it serves the
 * project's demo tenant from an in-process Graph simulator, so the first run needs nothing but Java.
 */
public final class Office365Application extends Main {

    public Office365Application() {
        super(Office365Application.class);
        addMainListener(new DemoTenantListener());
        addMainListener(new RunCompletionListener(this));
    }

    public static void main(String... args) {
        Office365Application application = new Office365Application();
        int exitCode;
        try {
            application.run(args);
            exitCode = application.getExitCode();
        } catch (Exception e) {
            System.err.println("camel-office365: " + rootMessage(e));
            exitCode = RunCompletionListener.EXIT_RUN_FAILED;
        }
        System.exit(exitCode);
    }

    /** The innermost message: for an option that stops the route, the one that names the option. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Ends the application with this exit code: 0 for a run that succeeded, else the run's failure code. */
    void finish(int code) {
        exitCode.set(code);
        completed();
    }
}
