package org.hearth.models.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place that configures Jackson for Hearth's contracts, so every module writes the same
 * bytes: ISO-8601 instants, no pretty printing, unknown keys tolerated (contracts may grow).
 */
public final class HearthJson {

    private static final JsonMapper JSON = configure(JsonMapper.builder()).build();
    /**
     * SnakeYAML refuses documents over 3 MiB by default; a council's {@code homes.yaml} for 10,000
     * homes is larger than that (found by the benchmarks), so the limit is raised to 512 MiB.
     */
    static final int YAML_CODE_POINT_LIMIT = 512 * 1024 * 1024;
    private static final YAMLMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .loaderOptions(yamlLoaderOptions()).build())).build();

    private HearthJson() {}

    /** A shared, thread-safe JSON mapper. Do not reconfigure it. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A shared, thread-safe YAML mapper. Do not reconfigure it. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    private static LoaderOptions yamlLoaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(YAML_CODE_POINT_LIMIT);
        return options;
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
