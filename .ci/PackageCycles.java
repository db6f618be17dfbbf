import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code jdeps -verbose:package} on stdin and fails (exit 1) when Hearth's packages depend on
 * each other in a cycle, printing each cycle's packages and the edges inside it. Tarjan's strongly
 * connected components; a package alone is no cycle.
 *
 * <p>Every cycle fails: there is no list of tolerated ones (issue 17 broke the last three).
 */
public class PackageCycles {

    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.hearth\\S*)\\s+->\\s+(org\\.hearth\\S*)\\s");

    private final Map<String, TreeSet<String>> graph = new TreeMap<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<List<String>> cycles = new ArrayList<>();
    private int next;

    public static void main(String[] args) throws Exception {
        PackageCycles p = new PackageCycles();
        int edges = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = EDGE.matcher(line);
                if (m.find()) {
                    p.graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                    p.graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
                    if (!m.group(1).equals(m.group(2)) && p.graph.get(m.group(1)).add(m.group(2))) {
                        edges++;
                    }
                }
            }
        }
        if (p.graph.isEmpty()) {
            System.err.println("package-cycles: no org.hearth packages in the input (were the modules built?)");
            System.exit(2);
        }
        for (String v : p.graph.keySet()) {
            if (!p.index.containsKey(v)) {
                p.connect(v);
            }
        }
        System.out.println("package-cycles: " + p.graph.size() + " packages, " + edges + " dependencies between them, "
                + p.cycles.size() + " cycle(s)");
        for (List<String> cycle : p.cycles) {
            System.out.println("CYCLE: " + cycle);
            for (String a : cycle) {
                for (String b : p.graph.get(a)) {
                    if (cycle.contains(b)) {
                        System.out.println("  " + a + " -> " + b);
                    }
                }
            }
        }
        System.exit(p.cycles.isEmpty() ? 0 : 1);
    }

    private void connect(String v) {
        index.put(v, next);
        low.put(v, next);
        next++;
        stack.push(v);
        for (String w : graph.get(v)) {
            if (!index.containsKey(w)) {
                connect(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                cycles.add(component);
            }
        }
    }
}
