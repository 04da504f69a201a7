package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runtime's classpath (its dependencies, as Maven resolves them) holds nothing of the notebook stack. */
class RuntimeDependenciesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ai.lepton.Lepton",
                "tech.tablesaw.api.Table",
                "org.knowm.xchart.XYChart",
                "smile.hpo.Hyperparameters",
                "org.dflib.jjava.jupyter.kernel.BaseKernel",
                "org.yaml.snakeyaml.Yaml",
                "org.sqlite.JDBC",
                "org.postgresql.Driver"
            })
    void theRuntimeCannotSee(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }
}
