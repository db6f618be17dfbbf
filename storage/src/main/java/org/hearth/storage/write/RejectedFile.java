package org.hearth.storage.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Points the server refused as malformed or clashing, kept as line protocol with the reason in a
 * {@code #} comment line above each, so that they can be fixed and written again by hand.
 */
final class RejectedFile {

    private final Path file;

    RejectedFile(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
    }

    synchronized void append(String line, String reason) throws IOException {
        String comment = "# " + reason.replace('\n', ' ').replace('\r', ' ');
        Files.writeString(file, comment + "\n" + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    Path path() {
        return file;
    }
}
