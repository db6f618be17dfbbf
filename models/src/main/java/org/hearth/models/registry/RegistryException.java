package org.hearth.models.registry;

import java.util.List;
import java.util.stream.Collectors;

/** A registry file that cannot be used; the message lists every problem found, one per line. */
public class RegistryException extends IllegalArgumentException {

    private final List<RegistryProblem> problems;

    public RegistryException(List<RegistryProblem> problems) {
        super(problems.stream().map(RegistryProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RegistryProblem> problems() {
        return problems;
    }
}
