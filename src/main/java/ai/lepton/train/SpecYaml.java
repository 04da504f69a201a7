package ai.lepton.train;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.util.Map;

/**
 * Reads the YAML body of {@code %%lepton train} into a {@link TrainSpec}. Every mistake names its line
 * and key: a YAML syntax error, an unknown hyperparameter (with the nearest known name), a value of
 * the wrong type or out of range.
 */
public final class SpecYaml {

    private SpecYaml() {
    }

    public static TrainSpec parse(String yaml) {
        return read(yaml, TrainSpec.builder()).build();
    }

    /** Applies the YAML's settings to {@code builder}, checking each where it is written. */
    static TrainSpec.Builder read(String yaml, TrainSpec.Builder builder) {
        if (yaml.isBlank()) {
            return builder;
        }
        Node root;
        Object document;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
            document = new Yaml(new LoaderOptions()).load(yaml);
        } catch (MarkedYAMLException e) {
            throw new TrainingException("The hyperparameters are not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ": " + e.getProblem() + ". Write one 'key: value' per line, such as 'lr: 1e-3'.");
        }
        if (!(root instanceof MappingNode mapping) || !(document instanceof Map<?, ?> values)) {
            throw new TrainingException("The hyperparameters must be 'key: value' lines, such as 'epochs: 20'.");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            int line = tuple.getKeyNode().getStartMark().getLine() + 1;
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new TrainingException("Line " + line + ": a hyperparameter name must be plain text.");
            }
            String key = keyNode.getValue();
            Object parsed = values.get(key);
            try {
                builder.set(key, parsed);
                TrainSpec.builder().set(key, parsed).build(); // checks this one value against the defaults
            } catch (TrainingException e) {
                throw new TrainingException("Line " + line + ", '" + key + "': " + e.getMessage());
            }
        }
        return builder;
    }
}
