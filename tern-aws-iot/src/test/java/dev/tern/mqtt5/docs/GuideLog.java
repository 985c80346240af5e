package dev.tern.mqtt5.docs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tern.mqtt5.testing.HiveMqBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application logger the user guide's snippets write to ({@code log.info(...)} in a callback), with
 * every line kept so that a test can wait for the line a snippet is supposed to produce. Lines are
 * {@code "LEVEL message"}; they still reach the console appender too.
 */
final class GuideLog implements AutoCloseable {

    private final ch.qos.logback.classic.Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };

    private GuideLog(String name) {
        // The embedded HiveMQ resets logback's configuration (appenders included) when it starts: start it
        // first, so that the appender attached here stays attached.
        HiveMqBroker.get();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger(name);
        logger.setLevel(Level.INFO);
        appender.setContext(context);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures the logger {@code guide.<name>}. */
    static GuideLog capture(String name) {
        return new GuideLog("guide." + name);
    }

    Logger logger() {
        return logger;
    }

    /** Every line so far, in order. */
    List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Waits (at most {@code timeout}) for a line containing {@code text}; returns it. */
    String await(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line containing '" + text + "' within " + timeout + "; lines: "
                        + lines);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    String await(String text) {
        return await(text, Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
