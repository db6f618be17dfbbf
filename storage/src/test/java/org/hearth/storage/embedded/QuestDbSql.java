package org.hearth.storage.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads QuestDB back through SQL over HTTP ({@code /exec}); what tests and the demo summary use. */
public final class QuestDbSql {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public QuestDbSql(String baseUrl) {
        this.base = baseUrl;
    }

    /** One query's answer: column names with QuestDB's types, and the rows. */
    public record Result(Map<String, String> columnTypes, List<List<Object>> rows) {

        /** The single value of a one-row, one-column answer such as {@code count()}. */
        public Object single() {
            if (rows.size() != 1 || rows.get(0).size() != 1) {
                throw new IllegalStateException("expected one value, got " + rows);
            }
            return rows.get(0).get(0);
        }

        /** The rows as maps from column name to value. */
        public List<Map<String, Object>> records() {
            List<String> names = new ArrayList<>(columnTypes.keySet());
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Object> row : rows) {
                Map<String, Object> record = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    record.put(names.get(i), row.get(i));
                }
                out.add(record);
            }
            return out;
        }
    }

    /**
     * Runs one SQL statement.
     *
     * @throws IOException when the server cannot be reached or answers with an error (the message
     *     carries QuestDB's own, e.g. "table does not exist")
     */
    public Result query(String sql) throws IOException, InterruptedException {
        URI uri = URI.create(base + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || body.has("error")) {
            throw new IOException("QuestDB answered " + response.statusCode() + " to '" + sql + "': "
                    + (body.has("error") ? body.get("error").asText() : response.body()));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (JsonNode column : body.path("columns")) {
            columns.put(column.get("name").asText(), column.get("type").asText());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : body.path("dataset")) {
            List<Object> values = new ArrayList<>();
            for (JsonNode cell : row) {
                values.add(JSON.treeToValue(cell, Object.class));
            }
            rows.add(values);
        }
        return new Result(columns, rows);
    }

    /** Rows in a table, or 0 when the table does not exist yet (nothing written). */
    public long count(String table) throws IOException, InterruptedException {
        try {
            return ((Number) query("select count() from '" + table.replace("'", "''") + "'").single()).longValue();
        } catch (IOException e) {
            if (e.getMessage().contains("does not exist")) {
                return 0;
            }
            throw e;
        }
    }
}
