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
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    public CapturedLogs(String loggerName) {
        this.loggerName = loggerName;
        this.appender = new AbstractAppender("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                        + event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                lines.add(line.toString());
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

    /** The lines logged so far: level, logger, message and the chain of any exception. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }
}
