package org.hearth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the hearth command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withEnvironment(null, args);
    }

    /** Runs with these environment variables (for secrets named by {@code ...Env} options) instead of the process's. */
    static CliRun withEnvironment(java.util.Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = HearthCommand.commandLine();
        if (environment != null) {
            useEnvironment(cli, environment);
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static void useEnvironment(picocli.CommandLine cli, java.util.Map<String, String> environment) {
        cli.getCommandSpec().mixins().values().stream().map(m -> m.userObject())
                .filter(MqttOptions.class::isInstance).forEach(m -> ((MqttOptions) m).environment = environment);
        if (cli.getCommand() instanceof RunCommand run) {
            run.environment = environment;
        }
        cli.getSubcommands().values().forEach(sub -> useEnvironment(sub, environment));
    }
}
