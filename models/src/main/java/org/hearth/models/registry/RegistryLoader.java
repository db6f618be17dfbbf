package org.hearth.models.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.models.json.HearthJson;

/**
 * Reads {@code homes.yaml} into a {@link KitRegistry}. Every problem names the file, the line, the
 * home and the field, because the person fixing it is an installer with a text editor.
 */
public final class RegistryLoader {

    private final ObjectMapper yaml = HearthJson.yaml();

    /** Loads and validates the registry in {@code file}. */
    public KitRegistry load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file));
    }

    /*
     * The registry parsed last in this JVM, with its text. The file name is not part of the key: a registry that
     * parses has no problem to name it in, and a text that fails is never kept, so its problems always name the
     * caller's file (hearth run parses its homes file under its own name first, then the functions find it here). A live job's functions each parse the
     * registry text they are given when they open (the start's check, ingest's decoder, detection, the pre-alert
     * gate, the lifecycle, addressing, delivery, status: about ten in one process), and at a hundred thousand
     * homes one parse takes 25 s or more: the job took 433-465 s to start (BENCHMARKS.md, homes held end to
     * end). A registry is immutable, so one parse serves every function given the same text; callers given it
     * while it is being parsed wait for it rather than parse it again.
     */
    private static final Object LAST_LOCK = new Object();
    private static String lastText;
    private static KitRegistry lastRegistry;

    /**
     * Parses and validates registry text (the same text as the last one parsed in this JVM: that registry).
     *
     * @param fileName the name used in problem messages
     * @throws RegistryException listing every problem found
     */
    public KitRegistry parse(String fileName, String text) {
        if (text == null || fileName == null) {
            return parseText(fileName, text);
        }
        synchronized (LAST_LOCK) {
            if (lastRegistry != null && text.equals(lastText)) {
                return lastRegistry;
            }
            KitRegistry registry = parseText(fileName, text);
            lastText = text;
            lastRegistry = registry;
            return registry;
        }
    }

    /** The registry, validated, with equal values shared between its homes (SharedValues: the heap a fleet holds). */
    private KitRegistry parseText(String fileName, String text) {
        return SharedValues.share(parseValid(fileName, text));
    }

    private KitRegistry parseValid(String fileName, String text) {
        if (looksLikeJson(text)) {
            KitRegistry direct = validJsonRegistry(text);
            if (direct != null) {
                return direct;
            }
        }
        JsonNode json = looksLikeJson(text) ? jsonTree(text) : null;
        JsonNode tree;
        try {
            tree = json != null ? json : yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegistryException(List.of(yamlSyntaxProblem(fileName, e)));
        } catch (IOException e) {
            throw new RegistryException(List.of(new RegistryProblem(fileName, 0, null, null, e.getMessage())));
        }
        if (tree == null || !tree.path("homes").isArray()) {
            throw new RegistryException(List.of(new RegistryProblem(fileName, 1, null, "homes",
                    "expected a list of homes under 'homes:'")));
        }

        // Lines are needed only to report a problem; indexing every token of a 10,000-home registry
        // took most of a detection task's start-up (BENCHMARKS.md, profile).
        LazyLines lines = new LazyLines(text);
        KitRegistry registry;
        try {
            registry = yaml.treeToValue(tree, KitRegistry.class);
        } catch (JsonMappingException e) {
            String pointer = pointerOf(e.getPath());
            throw new RegistryException(List.of(locate(fileName, tree, lines, pointer, bindingMessage(e))));
        } catch (JsonProcessingException e) {
            throw new RegistryException(List.of(new RegistryProblem(fileName, 0, null, null, e.getOriginalMessage())));
        }

        List<RegistryProblem> problems = new RegistryValidator().validate(registry).stream()
                .map(p -> locate(fileName, tree, lines, p.pointer(), p.message()))
                .toList();
        if (!problems.isEmpty()) {
            throw new RegistryException(problems);
        }
        return registry;
    }

    /*
     * A registry written as JSON (a YAML document too: what a tool that exports a fleet writes, and the benchmarks'
     * registries) is read by Jackson's JSON parser, about ten times faster than SnakeYAML's (BENCHMARKS.md, the job's
     * start: 2.6 s -> 0.2-0.35 s of CPU for 40,000 homes) and without SnakeYAML's limit on a document's size. Only a
     * whole, valid JSON document takes this path; anything else, a JSON text with a syntax error included, is read as
     * YAML as before, so problems are reported as they always were.
     */
    private static final ObjectReader JSON_TREE = HearthJson.json().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static final ObjectReader JSON_REGISTRY = HearthJson.json().readerFor(KitRegistry.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * A JSON registry bound straight from its text, without the tree the problems are located in (the tree of a
     * 100,000-home registry is a gigabyte of nodes to allocate and collect); null when it is not one or not valid, and
     * the tree path then reads it again and names every problem as it always has.
     */
    private static KitRegistry validJsonRegistry(String text) {
        KitRegistry registry;
        try {
            registry = JSON_REGISTRY.readValue(text);
        } catch (IOException | RuntimeException notValid) {
            return null;
        }
        return registry != null && new RegistryValidator().validate(registry).isEmpty() ? registry : null;
    }

    /** The tree of a valid JSON document, or null when the text is not one (YAML then reads it and names the problem). */
    private static JsonNode jsonTree(String text) {
        try {
            return JSON_TREE.readValue(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * The line of the value at a JSON pointer (e.g. {@code /homes/1/sensors}) in registry text, for
     * messages about a registry that parsed; 0 when it cannot be found.
     */
    public int lineOf(String text, String pointer) {
        try {
            return new YamlLineIndex(yaml, text).lineOf(pointer);
        } catch (IOException e) {
            return 0;
        }
    }

    /** SnakeYAML's message spans several lines with carets; keep its sentences and its line. */
    private static RegistryProblem yamlSyntaxProblem(String fileName, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        java.util.regex.Matcher mark = java.util.regex.Pattern.compile("line (\\d+), column").matcher(e.getOriginalMessage());
        while (mark.find()) {
            line = Integer.parseInt(mark.group(1));
        }
        String sentences = e.getOriginalMessage().lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(java.util.stream.Collectors.joining("; "));
        return new RegistryProblem(fileName, line, null, null, "not valid YAML: " + sentences);
    }

    private static String bindingMessage(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static String pointerOf(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    /** The line index, built on first use. */
    private final class LazyLines {
        private final String text;
        private YamlLineIndex index;

        LazyLines(String text) {
            this.text = text;
        }

        int lineOf(String pointer) {
            if (index == null) {
                try {
                    index = new YamlLineIndex(yaml, text);
                } catch (IOException e) {
                    return 0; // the text parsed once already; a second failure leaves the line unknown
                }
            }
            return index.lineOf(pointer);
        }
    }

    /** Turns a JSON pointer into file, line, home id and a readable field path. */
    private static RegistryProblem locate(String file, JsonNode tree, LazyLines lines, String pointer, String message) {
        String[] parts = pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/");
        String homeId = null;
        String field = pointer.isEmpty() ? null : pointer.substring(1);
        if (parts.length >= 2 && parts[0].equals("homes") && parts[1].matches("\\d+")) {
            JsonNode id = tree.path("homes").path(Integer.parseInt(parts[1])).path("id");
            homeId = id.isTextual() ? id.asText() : "#" + (Integer.parseInt(parts[1]) + 1);
            field = parts.length == 2 ? null : readable(parts, 2);
        }
        return new RegistryProblem(file, lines.lineOf(pointer), homeId, field, message);
    }

    private static String readable(String[] parts, int from) {
        StringBuilder field = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            if (parts[i].matches("\\d+")) {
                field.append('[').append(parts[i]).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(parts[i]);
            }
        }
        return field.toString();
    }
}
