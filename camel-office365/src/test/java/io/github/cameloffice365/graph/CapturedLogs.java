package io.github.cameloffice365.graph;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Records every log line of a logger and its children, down to TRACE, while open. */
public final class CapturedLogs implements AutoCloseable {

    private final String loggerName;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    /** Records the logger of this class and its children. */
    public CapturedLogs(Class<?> logger) {
        this(logger.getName());
    }

    /** Records the logger of this name and its children, e.g. a package. */
    public CapturedLogs(String loggerName) {
        this.loggerName = loggerName;
        this.appender = new AbstractAppender("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder thrown = new StringBuilder();
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    thrown.append(" | ").append(t);
                }
                lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage(), thrown.toString()));
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig logger = new LoggerConfig(loggerName, Level.TRACE, false);
        logger.addAppender(appender, Level.TRACE, null);
        configuration.addLogger(loggerName, logger);
        context.updateLoggers();
    }

    /** The lines logged so far, each as {@code LEVEL message}, followed by the chain of any exception. */
    public List<String> lines() {
        return lines.stream().map(line -> line.level() + " " + line.message() + line.thrown()).toList();
    }

    /** The messages logged at INFO so far, without level or exception. */
    public List<String> info() {
        return lines.stream().filter(line -> line.level() == Level.INFO).map(Line::message).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }

    private record Line(Level level, String message, String thrown) {
    }
}
