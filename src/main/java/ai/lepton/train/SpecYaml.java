package ai.lepton.train;

import ai.lepton.options.YamlLines;

import java.util.List;

/**
 * Reads the YAML body of {@code %%lepton train} into a {@link TrainSpec}. Every mistake names its line
 * and key: a YAML syntax error, an unknown hyperparameter (with the nearest known name), a value of
 * the wrong type or out of range.
 */
public final class SpecYaml {

    private SpecYaml() {}

    public static TrainSpec parse(String yaml) {
        return read(yaml, TrainSpec.builder()).build();
    }

    /** Applies the YAML's settings to {@code builder}, checking each where it is written. */
    static TrainSpec.Builder read(String yaml, TrainSpec.Builder builder) {
        List<YamlLines.Entry> entries;
        try {
            entries = YamlLines.read(yaml);
        } catch (YamlLines.ShapeException e) {
            throw new TrainingException(
                    switch (e.kind()) {
                        case SYNTAX ->
                            "The hyperparameters are not valid YAML at line " + e.line() + ": " + e.getMessage()
                                    + ". Write one 'key: value' per line, such as 'lr: 1e-3'.";
                        case NOT_A_MAPPING -> "The hyperparameters must be 'key: value' lines, such as 'epochs: 20'.";
                        case KEY_NOT_TEXT -> "Line " + e.line() + ": a hyperparameter name must be plain text.";
                    });
        }
        for (YamlLines.Entry entry : entries) {
            try {
                builder.set(entry.key(), entry.value());
                TrainSpec.builder()
                        .set(entry.key(), entry.value())
                        .build(); // checks this one value against the defaults
            } catch (TrainingException e) {
                throw new TrainingException("Line " + entry.line() + ", '" + entry.key() + "': " + e.getMessage());
            }
        }
        return builder;
    }
}
