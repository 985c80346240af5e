package dev.tern.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * A logback appender that writes nothing: it checks every event it is given against {@link LoggedSecrets}.
 * {@link #ensureAttached()} puts it on Tern's loggers at DEBUG — again whenever something reconfigured
 * logback (the embedded HiveMQ broker replaces the whole configuration when it starts).
 */
public final class LogSecretScanner extends AppenderBase<ILoggingEvent> {

    static final String NAME = "TERN_SECRET_SCAN";

    @Override
    protected void append(ILoggingEvent event) {
        String where = event.getLoggerName() + " " + event.getLevel();
        LoggedSecrets.check(where, event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            LoggedSecrets.check(where + " (" + t.getClassName() + ")", t.getMessage());
        }
    }

    /**
     * Makes sure every {@code dev.tern} event, DEBUG included, reaches a scanner, while the console still
     * shows only INFO and above. Cheap when already in place.
     */
    static void ensureAttached() {
        if (!Boolean.getBoolean("tern.scanLoggedSecrets")) {
            return; // the module did not ask for it (its tests may read what Tern logs to the console)
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return; // not logback: nothing to attach to
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger tern = context.getLogger("dev.tern");
        if (tern.getAppender(NAME) != null) {
            return;
        }
        LogSecretScanner scanner = new LogSecretScanner();
        scanner.setName(NAME);
        scanner.setContext(context);
        scanner.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        ThresholdFilter info = new ThresholdFilter();
        info.setLevel("INFO");
        info.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName(NAME + "_CONSOLE");
        console.setContext(context);
        console.setEncoder(encoder);
        console.addFilter(info);
        console.start();

        tern.addAppender(scanner);
        tern.addAppender(console);
        tern.setLevel(Level.DEBUG);
        tern.setAdditive(false);
    }
}
