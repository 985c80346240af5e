package dev.tern.cli;

/**
 * The CLI's logging: warnings only, on stderr, so that the output is the command's; with
 * {@code --verbose}, Tern's own debug log too. Logback reads {@code tern.log.level} from
 * {@code tern-logback.xml} in the jar, and the embedded broker's configuration says the same.
 */
final class Logging {

    private Logging() {
    }

    /**
     * Must run before the first logger is created. The configuration has its own name because the embedded
     * broker's jar carries a {@code logback.xml} too; logback's own status chatter is silenced.
     */
    static void init(boolean verbose) {
        System.setProperty("tern.log.level", verbose ? "DEBUG" : "WARN");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tern-logback.xml");
        }
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
    }

    static String configuration(boolean verbose) {
        return "<configuration>\n"
                + "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>\n"
                + "  <appender name=\"STDERR\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                + "    <target>System.err</target>\n"
                + "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <logger name=\"dev.tern\" level=\"" + (verbose ? "DEBUG" : "WARN") + "\"/>\n"
                + "  <root level=\"" + (verbose ? "INFO" : "ERROR") + "\"><appender-ref ref=\"STDERR\"/></root>\n"
                + "</configuration>\n";
    }
}
