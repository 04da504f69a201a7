package ai.lepton;

import ai.lepton.data.CsvOptions;
import ai.lepton.data.DataLoader;
import ai.lepton.data.LoadResult;
import ai.lepton.train.EngineInfo;
import tech.tablesaw.api.Table;

import java.nio.file.Path;

/**
 * The facade a notebook uses. Everything a {@code %lepton} magic does is reachable from here in
 * plain Java, and the reverse.
 */
public final class Lepton {

    private Lepton() {
    }

    /** The deep-learning engine Lepton trains with, and the devices it can see. Loads the engine on first use. */
    public static EngineInfo engine() {
        return EngineInfo.current();
    }

    /**
     * Loads a CSV or TSV file (separator sniffed) into a table. What loading had to repair, such as a
     * word in a numeric column, is printed to standard error; nothing is changed silently.
     */
    public static Table csv(String path) {
        return csv(path, CsvOptions.defaults());
    }

    /** Loads a CSV file with the given options (separator, missing-value tokens, encoding). */
    public static Table csv(String path, CsvOptions options) {
        LoadResult result = DataLoader.csv(Path.of(path), options);
        result.notes().forEach(note -> System.err.println(result.table().name() + ": " + note));
        return result.table();
    }

    /** Lepton's version, from the library's jar; {@code "dev"} when run from classes. */
    public static String version() {
        String version = Lepton.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
