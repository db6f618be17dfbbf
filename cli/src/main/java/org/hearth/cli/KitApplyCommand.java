package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hearth.installer.control.ApplyResult;
import org.hearth.installer.control.RegistryApplier;
import org.hearth.installer.control.RegistryControl;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryException;
import org.hearth.models.registry.RegistryLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth kit apply --homes homes.yaml}: validates the registry and hands it to the running
 * detection job through the control topic, without a restart. Exit 1 when the file has errors
 * (nothing is published), 2 when the broker cannot be reached.
 */
@Command(name = "apply", description = "Validate homes.yaml and publish it to the running detection job (no restart).")
final class KitApplyCommand implements Callable<Integer> {

    @Option(names = "--homes", required = true, description = "the kit registry, e.g. homes.yaml")
    Path homes;

    @CommandLine.Mixin
    MqttOptions mqtt;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String text = Files.readString(homes);
        String file = homes.getFileName().toString();
        KitRegistry registry;
        try {
            registry = new RegistryLoader().parse(file, text);
        } catch (RegistryException e) {
            e.problems().forEach(p -> err.println("error " + p));
            out.println("hearth kit apply: " + file + " has " + e.problems().size() + " error(s); nothing published");
            return 1;
        }
        ApplyResult result;
        try {
            result = new RegistryApplier(Clock.systemUTC()).apply(mqtt.url(), mqtt.security(), registry, text, Duration.ofSeconds(1));
        } catch (BrokerException e) {
            throw new UserError(e.getMessage());
        }
        if (result.previousProblem() != null) {
            err.println("warning: the registry retained on " + RegistryControl.TOPIC + " was unreadable ("
                    + result.previousProblem() + "); changes are shown against an empty registry");
        }
        if (!result.published()) {
            out.println("hearth kit apply: " + file + " is already applied (version " + result.version() + "); nothing published");
            return 0;
        }
        result.diff().lines().forEach(out::println);
        out.println("hearth kit apply: " + file + " published as version " + result.version() + " on "
                + RegistryControl.TOPIC + " (" + registry.homes().size() + " home(s))");
        return 0;
    }
}
