package org.hearth.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.MemorySize;
import org.hearth.live.FlinkEnvironments;
import org.hearth.models.time.Durations;
import org.hearth.models.registry.YamlLineIndex;

/**
 * Reads a YAML configuration file into a record, strictly: an unknown key is most likely a typo,
 * and a typo in a safety system's configuration must not be ignored. Errors read
 * {@code hearth.yaml:12: mqtt.url: ...}. Durations are written as on the command line ({@code 30s}).
 */
public final class ConfigFileReader {

    private final ObjectMapper yaml = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addDeserializer(Duration.class, new HearthDurationDeserializer())
                    .addDeserializer(MemorySize.class, new MemorySizeDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public <T> T read(Path file, Class<T> type) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file), type);
    }

    /** @throws ConfigException naming the file, line and field */
    public <T> T parse(String fileName, String text, Class<T> type) {
        try {
            T value = yaml.readValue(text, type);
            if (value == null) {
                throw new ConfigException(fileName + ": the file is empty");
            }
            return value;
        } catch (JsonMappingException e) {
            StringBuilder pointer = new StringBuilder();
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                String part = ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex());
                pointer.append('/').append(part);
                field.append(ref.getFieldName() != null ? (field.length() == 0 ? "" : ".") + part : "[" + part + "]");
            }
            int line = lineOf(text, pointer.toString(), e);
            throw new ConfigException(fileName + ":" + line + ": " + (field.length() == 0 ? "" : field + ": ") + reason(e));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(fileName + ":" + line + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private int lineOf(String text, String pointer, JsonMappingException e) {
        try {
            int line = new YamlLineIndex(yaml, text).lineOf(pointer);
            if (line > 0) {
                return line;
            }
        } catch (IOException ignored) {
            // fall back to the parser's own location
        }
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds() + ")";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("invalid value");
    }

    /** Memory sizes as Flink writes them ({@code 512m}, {@code 2g}). */
    private static final class MemorySizeDeserializer extends JsonDeserializer<MemorySize> {
        @Override
        public MemorySize deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return FlinkEnvironments.managedMemory(parser.getValueAsString());
        }
    }

    /** Durations in Hearth's form ({@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}). */
    private static final class HearthDurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return Durations.parse(parser.getValueAsString());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
