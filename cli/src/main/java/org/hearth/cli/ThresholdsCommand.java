package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hearth.installer.control.RegistryControl;
import org.hearth.installer.control.ThresholdsApplier;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.rules.DetectionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hearth thresholds ...}: what an analyst runs to change the sensitivity of a running job. */
@Command(name = "thresholds", description = "Change the running job's sensitivity settings without a restart.",
        subcommands = ThresholdsCommand.Apply.class)
public final class ThresholdsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a thresholds command, e.g. 'hearth thresholds apply --thresholds thresholds.yaml'");
    }

    /**
     * {@code hearth thresholds apply --thresholds t.yaml}: validates the file as the job parses it
     * and publishes it retained on the control topic; the running job rebuilds every home's rules
     * with it (baselines kept), and a job started later takes it instead of hearth.yaml's file.
     * Exit 1 when the file has errors (nothing is published), 2 when the broker cannot be reached.
     */
    @Command(name = "apply", description = "Validate thresholds.yaml and publish it to the running detection job (no restart).")
    static final class Apply implements Callable<Integer> {

        @Option(names = "--thresholds", required = true, description = "the sensitivity settings, e.g. thresholds.yaml")
        Path thresholds;

        @CommandLine.Mixin
        MqttOptions mqtt;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            String text = Files.readString(thresholds);
            String file = thresholds.getFileName().toString();
            try {
                DetectionSettings.parseThresholds(file, text);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error " + e.getMessage());
                out.println("hearth thresholds apply: " + file + " has errors; nothing published");
                return 1;
            }
            ThresholdsApplier.Result result;
            try {
                result = new ThresholdsApplier(Clock.systemUTC()).apply(mqtt.url(), mqtt.security(), text, Duration.ofSeconds(1));
            } catch (BrokerException e) {
                throw new UserError(e.getMessage());
            }
            if (result.previousProblem() != null) {
                spec.commandLine().getErr().println("warning: the thresholds retained on " + RegistryControl.THRESHOLDS_TOPIC
                        + " were unreadable (" + result.previousProblem() + ")");
            }
            if (!result.published()) {
                out.println("hearth thresholds apply: " + file + " is already applied (version " + result.version()
                        + "); nothing published");
                return 0;
            }
            out.println("hearth thresholds apply: " + file + " published as version " + result.version() + " on "
                    + RegistryControl.THRESHOLDS_TOPIC);
            return 0;
        }
    }
}
