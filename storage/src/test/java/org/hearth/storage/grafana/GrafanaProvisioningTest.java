package org.hearth.storage.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.point.PointSchema;
import org.junit.jupiter.api.Test;

/**
 * The Grafana provisioning files under {@code deploy/grafana}: they parse, point at the
 * provisioned datasource, hold no secret, and every Flux query names only measurements, fields and
 * tags that the point mappers actually write. (Flux itself runs only against a real InfluxDB.)
 */
class GrafanaProvisioningTest {

    private static final Path GRAFANA = Path.of("..", "deploy", "grafana");
    private static final Pattern MEASUREMENT = Pattern.compile("r\\._measurement == \"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("r\\._field == \"([^\"]+)\"");
    private static final Pattern TAG = Pattern.compile("\\br\\.([a-z][a-z_]*)\\s*(?:==|=~|!=|!~)");
    private static final Pattern TAG_VALUES = Pattern.compile("tag: \"([^\"]+)\"");

    private final Map<String, PointSchema> schemas = new LinkedHashMap<>();

    GrafanaProvisioningTest() {
        PointMappers.standard(HomeCohorts.none()).schemas().forEach(s -> schemas.put(s.measurement(), s));
    }

    private static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void datasource_isFluxOnInfluxDbWithTheTokenFromTheEnvironment() throws Exception {
        JsonNode yaml = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/datasources/hearth-influxdb.yaml").toFile());
        JsonNode ds = yaml.path("datasources").get(0);
        assertThat(ds.path("type").asText()).isEqualTo("influxdb");
        assertThat(ds.path("uid").asText()).isEqualTo("hearth-influxdb");
        assertThat(ds.path("jsonData").path("version").asText()).isEqualTo("Flux");
        assertThat(ds.path("secureJsonData").path("token").asText()).isEqualTo("${HEARTH_INFLUX_TOKEN}");
        JsonNode provider = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/dashboards/hearth.yaml").toFile());
        assertThat(provider.path("providers").get(0).path("type").asText()).isEqualTo("file");
    }

    @Test
    void dashboards_parseAndUseTheProvisionedDatasource() throws Exception {
        List<Path> files = dashboards();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("hearth-analysts.json", "hearth-home.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("panels")).as(file.toString()).isNotEmpty();
            for (JsonNode panel : dashboard.path("panels")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("hearth-influxdb");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void everyQuery_namesOnlyWhatTheMappersWrite() throws Exception {
        Set<String> used = new HashSet<>();
        int queries = 0;
        for (Path file : dashboards()) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            List<String> texts = new ArrayList<>();
            dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> texts.add(t.path("query").asText())));
            dashboard.path("templating").path("list").forEach(v -> texts.add(v.path("query").asText()));
            for (String query : texts) {
                queries++;
                List<String> measurements = all(MEASUREMENT, query);
                assertThat(measurements).as("a query must name its measurement: " + query).isNotEmpty();
                for (String m : measurements) {
                    assertThat(schemas).as("measurement in " + file.getFileName()).containsKey(m);
                    used.add(m);
                }
                for (String field : all(FIELD, query)) {
                    assertThat(measurements.stream().anyMatch(m -> schemas.get(m).fields().containsKey(field)))
                            .as("field " + field + " of " + measurements + " in " + file.getFileName()).isTrue();
                }
                List<String> tags = all(TAG, query);
                tags.removeIf(t -> t.startsWith("_"));
                tags.addAll(all(TAG_VALUES, query));
                for (String tag : tags) {
                    assertThat(measurements.stream().anyMatch(m -> schemas.get(m).tags().contains(tag)))
                            .as("tag " + tag + " of " + measurements + " in " + file.getFileName()).isTrue();
                }
            }
        }
        assertThat(queries).isGreaterThan(20);
        assertThat(used).as("every stored measurement is on a dashboard").containsExactlyInAnyOrderElementsOf(schemas.keySet());
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
