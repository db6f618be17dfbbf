package org.hearth.simulator.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.home.SimHome;

/**
 * Writes {@code events.jsonl}: one {@link SensorEvent} a line, in delivery order, through the shared
 * mapper. One generator serves the whole file (a generator per line costs more than the JSON).
 */
public final class JsonlEventSink implements EventSink {

    private final ObjectWriter writer = HearthJson.json().writerFor(SensorEvent.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private final OutputStream out;
    private final JsonGenerator generator;

    public JsonlEventSink(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.generator = HearthJson.json().getFactory().createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
    }

    @Override
    public void accept(SimHome home, SensorEvent event, long arrivalMs) throws IOException {
        writer.writeValue(generator, event);
        generator.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        generator.close();
        out.close();
    }
}
