package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.base.Notices;
import ai.lepton.kernel.magic.MagicException;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Set;

/** {@code %%sql [--name N]}: DuckDB SQL over the session's datasets and files, a thin layer over {@link Lepton#sql}. */
public final class SqlCommand {

    static final String HELP = "%%sql [--name N]\n"
            + "  Runs the cell as DuckDB SQL. The session's datasets are tables by their names (quote other names:\n"
            + "  \"my-data\"); files are read with read_parquet('PATH'), read_csv('PATH'). The result is shown as a\n"
            + "  table, and kept as dataset N with --name, for %lepton data prepare N and the other magics.\n"
            + "  In code: Lepton.sql(QUERY) or Lepton.sql(QUERY, N).";

    private SqlCommand() {}

    /** The magic's entry point: the cell's body and the words after {@code %%sql}. */
    public static Object cell(String body, String... args) {
        List<String> words = List.of(args);
        if (words.contains("--help")) {
            return HELP;
        }
        MagicOptions options = MagicOptions.parse("%%sql", words, Set.of("name"), Set.of());
        if (!options.positional().isEmpty()) {
            throw new MagicException("%%sql takes only --name N on its first line; the query goes below it. Got: "
                    + String.join(" ", options.positional()) + ".");
        }
        if (body.isBlank()) {
            throw new MagicException("%%sql needs a query below its first line, such as SELECT * FROM "
                    + Lepton.datasets().stream().findFirst().orElse("penguins") + " LIMIT 5.");
        }
        Table result = options.value("name").map(name -> Lepton.sql(body, name)).orElseGet(() -> Lepton.sql(body));
        options.value("name")
                .ifPresent(name -> Notices.info("Kept as dataset " + name + " (" + result.rowCount() + " rows, "
                        + result.columnCount() + " columns)."));
        return result;
    }
}
