package ai.lepton.magics;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Which Lepton package uses which, with one class-to-class use as the example of each edge: read from compiled classes
 * with the JDK's {@code jdeps}.
 */
final class PackageGraph {

    private static final Pattern USE = Pattern.compile("^\\s+(\\S+\\.\\S+)\\s+->\\s+(\\S+\\.\\S+)\\s.*");

    /** package → package it uses → an example "Class -> Class". */
    private final Map<String, Map<String, String>> uses = new TreeMap<>();

    /** Lepton's compiled classes on this test's classpath: every module's classes folder or jar. */
    static PackageGraph ofClasspath() {
        List<String> roots = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean classes = Files.isDirectory(path.resolve("ai/lepton")) && !path.endsWith("test-classes");
            boolean jar = path.getFileName().toString().matches("lepton-.*\\.jar");
            if (classes || jar) {
                roots.add(entry);
            }
        }
        List<String> arguments = new ArrayList<>(List.of("-verbose:class", "-filter:none", "-e", "ai\\.lepton\\..*"));
        arguments.addAll(roots);
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("jdeps")
                .orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps failed: " + out);
        }
        PackageGraph graph = new PackageGraph();
        out.toString().lines().forEach(graph::read);
        return graph;
    }

    /** A graph of the given uses, each "a.b.C -> x.y.Z". */
    static PackageGraph of(String... classUses) {
        PackageGraph graph = new PackageGraph();
        for (String use : classUses) {
            graph.read("   " + use + " classes");
        }
        return graph;
    }

    private void read(String line) {
        Matcher use = USE.matcher(line);
        if (use.matches()) {
            String from = packageOf(use.group(1));
            String to = packageOf(use.group(2));
            if (!from.equals(to)) {
                uses.computeIfAbsent(from, key -> new TreeMap<>())
                        .putIfAbsent(to, simple(use.group(1)) + " -> " + simple(use.group(2)));
            }
        }
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    Set<String> packages() {
        Set<String> packages = new TreeSet<>(uses.keySet());
        uses.values().forEach(targets -> packages.addAll(targets.keySet()));
        return packages;
    }

    /** The packages {@code from} uses. */
    Set<String> usedBy(String from) {
        return uses.getOrDefault(from, Map.of()).keySet();
    }

    /** The packages that use {@code to}. */
    Set<String> users(String to) {
        Set<String> users = new TreeSet<>();
        uses.forEach((from, targets) -> {
            if (targets.containsKey(to)) {
                users.add(from);
            }
        });
        return users;
    }

    /** The example class use behind the edge {@code from → to}. */
    String example(String from, String to) {
        return uses.get(from).get(to);
    }

    /**
     * Each group of packages that reach each other (strongly connected, Tarjan's algorithm), described by its edges with
     * an example each; none when the packages form a hierarchy.
     */
    List<String> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<String> cycles = new ArrayList<>();
        for (String start : packages()) {
            if (!index.containsKey(start)) {
                connect(start, index, low, stack, onStack, cycles);
            }
        }
        return cycles;
    }

    private void connect(
            String node,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<String> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : usedBy(node)) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> group = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(node));
            if (group.size() > 1) {
                List<String> edges = new ArrayList<>();
                for (String from : group) {
                    for (String to : usedBy(from)) {
                        if (group.contains(to)) {
                            edges.add(from + " -> " + to + " (" + example(from, to) + ")");
                        }
                    }
                }
                cycles.add(String.join("; ", edges));
            }
        }
    }
}
