package dev.tern.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tern} command. */
@Command(name = "tern",
        mixinStandardHelpOptions = true,
        versionProvider = Tern.Version.class,
        description = "Tern: an MQTT 5 client for Java, with first-class AWS IoT Core support.",
        subcommands = {PacketsCommand.class, CommandLine.HelpCommand.class})
public final class Tern implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line. Expected failures (bad arguments, invalid topics) print one line
     * saying what to change, not a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Tern());
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("tern " + cmd.getCommandName() + ": " + ex.getMessage());
            cmd.getErr().flush();
            return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException ? 2 : 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tern.class.getPackage().getImplementationVersion();
            return new String[] {"tern " + (version == null ? "(development build)" : version)};
        }
    }
}
