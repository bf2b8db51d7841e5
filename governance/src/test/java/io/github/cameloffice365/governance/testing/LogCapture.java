package io.github.cameloffice365.governance.testing;

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

/** Collects the lines one logger writes while a test runs. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String loggerName;
    private final Appender appender;

    public LogCapture(Class<?> logger) {
        this.loggerName = logger.getName();
        this.appender = new Appender();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig own = new LoggerConfig(loggerName, Level.DEBUG, true);
        own.addAppender(appender, Level.DEBUG, null);
        configuration.addLogger(loggerName, own);
        context.updateLoggers();
    }

    /** The lines logged so far, each as {@code LEVEL message}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines logged at INFO so far, messages only. */
    public List<String> info() {
        return lines.stream().filter(l -> l.startsWith("INFO ")).map(l -> l.substring(5)).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }

    private final class Appender extends AbstractAppender {

        Appender() {
            super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
        }
    }
}
