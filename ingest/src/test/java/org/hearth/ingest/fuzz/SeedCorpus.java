package org.hearth.ingest.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real payloads of each kit format ({@code src/test/resources/fuzz/{format}.seeds}, quoted from
 * the upstream docs named in each file), one {@code topic<TAB>payload} a line, for TestKit's registry.
 */
record SeedCorpus(String format, List<Seed> seeds) {

    record Seed(String topic, byte[] payload) {}

    static SeedCorpus load(String format) {
        String resource = "/fuzz/" + format + ".seeds";
        try (InputStream in = SeedCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no seed corpus " + resource);
            }
            List<Seed> seeds = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException(resource + ": no TAB between topic and payload in: " + line);
                }
                seeds.add(new Seed(line.substring(0, tab), line.substring(tab + 1).getBytes(StandardCharsets.UTF_8)));
            }
            return new SeedCorpus(format, List.copyOf(seeds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> topics() {
        return seeds.stream().map(Seed::topic).distinct().toList();
    }

    List<byte[]> payloads() {
        return seeds.stream().map(Seed::payload).toList();
    }
}
