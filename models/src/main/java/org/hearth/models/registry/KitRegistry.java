package org.hearth.models.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The kit registry ({@code homes.yaml}): which homes exist and what is installed in each. */
public record KitRegistry(List<Home> homes) {

    public KitRegistry {
        homes = homes == null ? List.of() : List.copyOf(homes);
    }

    public Optional<Home> home(String homeId) {
        return homes.stream().filter(h -> h.id().equals(homeId)).findFirst();
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
