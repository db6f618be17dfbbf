package org.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hearth} command line (DESIGN.md, Command line). Each subcommand is a thin class that
 * parses options and calls the module that does the work; each prints a one-line summary at the
 * end and exits non-zero with a clear message on bad input.
 */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = HearthCommand.Version.class,
        description = "Learns the daily routine of people who live alone and texts a carer when today departs from it.",
        subcommands = {
            CommandLine.HelpCommand.class,
            KitCommand.class,
            ThresholdsCommand.class,
            RunCommand.class,
            DemoCommand.class,
            ReplayCommand.class,
            CaptureCommand.class,
            SimulateCommand.class,
            EvaluateCommand.class,
            StatusCommand.class,
            BacktestCommand.class,
            WatchdogCommand.class,
        })
public final class HearthCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'hearth demo'");
    }

    /** Builds the command line with Hearth's converters and error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HearthCommand());
        cli.registerConverter(java.time.Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        withHelpEverywhere(cli);
        return cli;
    }

    /** {@code -h/--help} on every command, not only on {@code hearth} itself ("hearth kit check --help"). */
    private static void withHelpEverywhere(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelpEverywhere(sub);
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HearthCommand.class.getPackage().getImplementationVersion();
            return new String[] {"hearth " + (version == null ? "development build" : version)};
        }
    }
}
