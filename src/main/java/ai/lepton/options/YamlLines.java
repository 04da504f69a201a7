package ai.lepton.options;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML cell body of {@code key: value} lines, keeping the line of each key so that a mistake can
 * say where it is. The training spec and the sweep's search space are both written this way.
 */
public final class YamlLines {

    private YamlLines() {}

    /**
     * One {@code key: value} line.
     *
     * @param line  the key's line, from 1
     * @param plain whether the value was written as one unquoted scalar (quoted text is never a formula)
     */
    public record Entry(String key, int line, Object value, boolean plain) {}

    /** Text that is not {@code key: value} lines; each caller words the message for its own cell. */
    public static final class ShapeException extends RuntimeException {

        /** What is wrong with the text. */
        public enum Kind {
            SYNTAX,
            NOT_A_MAPPING,
            KEY_NOT_TEXT
        }

        private final Kind kind;
        private final int line;

        ShapeException(Kind kind, int line, String problem) {
            super(problem);
            this.kind = kind;
            this.line = line;
        }

        public Kind kind() {
            return kind;
        }

        /** The line at fault, from 1 (0 when the whole text is). */
        public int line() {
            return line;
        }
    }

    /** The entries in the order written; none for blank text. */
    public static List<Entry> read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return List.of();
        }
        Node root;
        Object document;
        try {
            // the node tree has the lines, the loaded document the values as Java types
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
            document = new Yaml(new LoaderOptions()).load(yaml);
        } catch (MarkedYAMLException e) {
            throw new ShapeException(
                    ShapeException.Kind.SYNTAX, e.getProblemMark().getLine() + 1, e.getProblem());
        }
        if (!(root instanceof MappingNode mapping) || !(document instanceof Map<?, ?> values)) {
            throw new ShapeException(ShapeException.Kind.NOT_A_MAPPING, 0, "not key: value lines");
        }
        List<Entry> entries = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            int line = tuple.getKeyNode().getStartMark().getLine() + 1;
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ShapeException(ShapeException.Kind.KEY_NOT_TEXT, line, "a key that is not plain text");
            }
            boolean plain = tuple.getValueNode() instanceof ScalarNode scalar
                    && scalar.getScalarStyle().getChar() == null;
            entries.add(new Entry(keyNode.getValue(), line, values.get(keyNode.getValue()), plain));
        }
        return entries;
    }
}
