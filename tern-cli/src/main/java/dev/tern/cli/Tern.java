package dev.tern.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code tern} command. */
@Command(name = "tern",
        mixinStandardHelpOptions = true,
        versionProvider = Tern.Version.class,
        description = {"Tern: an MQTT 5 client for Java, with first-class AWS IoT Core support.", "",
            "Start with `tern pubsub`: the user guide's sample flow against an embedded broker."},
        footer = {"", "Exit codes:", "  0    success", "  1    connected, but an operation failed or messages were missing",
            "  2    bad arguments or configuration", "  3    could not connect (the message says what to check)",
            "  130  interrupted"},
        subcommands = {PubSubCommand.class, PubCommand.class, SubCommand.class, BenchCommand.class,
            PacketsCommand.class, CommandLine.HelpCommand.class})
public final class Tern implements Runnable {

    private static volatile boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        if (EmbeddedBroker.stillStopping()) {
            // The embedded broker's shutdown hook would hold the exit for seconds; its work is done.
            EmbeddedBroker.deleteFolders();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs with output and errors going to the given writers (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The configured command line. Expected failures (bad arguments, unreadable files, refused
     * connections) print one line saying what happened and what to check, not a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Tern());
        cli.setExecutionStrategy(parseResult -> {
            verbose = parseResult.originalArgs().contains("--verbose");
            Logging.init(verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println("tern " + cmd.getCommandName() + ": " + ex.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            if (ex instanceof CliException) {
                return ((CliException) ex).exitCode();
            }
            return ex instanceof IllegalArgumentException ? ExitCode.USAGE : ExitCode.FAILED;
        });
        // --verbose is accepted anywhere on the line, by every command.
        cli.getCommandSpec().addOption(verboseOption());
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().addOption(verboseOption());
        }
        return cli;
    }

    private static CommandLine.Model.OptionSpec verboseOption() {
        return CommandLine.Model.OptionSpec.builder("--verbose")
                .description("Log Tern's debug output to stderr and show stack traces of errors.")
                .arity("0").type(boolean.class).build();
    }

    static boolean verbose() {
        return verbose;
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
