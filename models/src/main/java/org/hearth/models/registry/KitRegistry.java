package org.hearth.models.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The kit registry ({@code homes.yaml}): which homes exist and what is installed in each. */
public record KitRegistry(List<Home> homes) {

    public KitRegistry {
        homes = HomeList.of(homes == null ? List.of() : homes);
    }

    /**
     * The home with this id (the first one, should the registry name it twice). Answered from an index by id that
     * the list of homes builds on the first look-up: callers ask per raise, per status and per home of a diff, and a
     * scan of a million homes per question made {@code kit apply}'s diff quadratic (BENCHMARKS.md, issue 18).
     */
    public Optional<Home> home(String homeId) {
        return Optional.ofNullable(((HomeList) homes).byId(homeId));
    }

    /**
     * Loads and validates a registry file.
     *
     * @throws RegistryException listing every problem, each with file, line, home and field
     * @throws IOException when the file cannot be read
     */
    public static KitRegistry load(Path file) throws IOException {
        return new RegistryLoader().load(file);
    }
}
