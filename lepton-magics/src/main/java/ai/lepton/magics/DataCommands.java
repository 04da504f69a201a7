package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.base.Notices;
import ai.lepton.base.Suggestions;
import ai.lepton.data.Task;
import ai.lepton.data.load.ColumnKind;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.LoadResult;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.profile.Profile;
import ai.lepton.kernel.magic.MagicException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** {@code %lepton data load|profile|prepare}: thin layers over {@link DataLoader}, {@link Profile} and {@link Lepton#prepare}. */
final class DataCommands {

    static final Subcommand LOAD = new Subcommand(
            "data load",
            false,
            Set.of("name", "target", "sep", "na", "encoding", "types"),
            Set.of(),
            Map.of("encoding", List.of("UTF-8", "ISO-8859-1", "windows-1252")),
            "%lepton data load PATH [--name N] [--target COL] [--sep C] [--na TOKENS] [--encoding E]\n"
                    + "    [--types COL=KIND,...]   (KIND: " + ColumnKind.names() + ")\n"
                    + "  Loads a CSV/TSV file (separator sniffed unless --sep), JSON lines (.jsonl) or Parquet (.parquet, or a\n"
                    + "  folder of Parquet parts) as dataset N\n"
                    + "  (default: the file's name). --types reads columns as the given kinds instead of detecting them.");
    static final Subcommand SAVE = new Subcommand(
            "data save",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton data save N PATH\n  Writes dataset N to PATH as Parquet (.parquet), CSV (.csv) or TSV (.tsv), whole or not at all.\n"
                    + "  In code: Lepton.save(N, PATH).");
    static final Subcommand PROFILE = new Subcommand(
            "data profile",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton data profile N\n  Per-column summary of dataset N, and its target's balance when it has one.");
    static final Subcommand PREPARE = new Subcommand(
            "data prepare",
            false,
            Set.of(
                    "target", "text", "drop", "impute", "fill", "encode", "scale", "split", "seed", "unseen", "task",
                    "folds"),
            Set.of("stratify", "dedupe", "clip"),
            Map.of(
                    "impute",
                    Subcommand.choicesOf(PrepareOptions.Impute.class),
                    "encode",
                    Subcommand.choicesOf(PrepareOptions.Encode.class),
                    "scale",
                    Subcommand.choicesOf(PrepareOptions.Scale.class),
                    "unseen",
                    Subcommand.choicesOf(PrepareOptions.Unseen.class),
                    "task",
                    Subcommand.choicesOf(Task.class)),
            "%lepton data prepare N --target COL [--text A,B] [--drop A,B] [--impute median|mean|mode|constant|drop]\n"
                    + "    [--fill V] [--dedupe] [--clip] [--encode onehot|ordinal] [--scale standard|minmax|robust|none]\n"
                    + "    [--split 0.7,0.15,0.15] [--stratify] [--seed 42] [--unseen ignore|error]\n"
                    + "    [--task classification|regression] [--folds K]\n"
                    + "  Fits a preparation on the training split only and keeps the result as prepared data N.\n"
                    + "  Date columns become year, month, day, weekday and day-of-year features (and hour for date-times).\n"
                    + "  --text keeps free-text columns as text, for a pretrained language model (pretrained: in %%lepton train).\n"
                    + "  --folds K prepares K cross-validation folds instead, kept as N.fold1 ... N.foldK.");
    /** The data subcommands by their second word. */
    static final Map<String, Subcommand> SUBCOMMANDS =
            Map.of("load", LOAD, "save", SAVE, "profile", PROFILE, "prepare", PREPARE);

    private DataCommands() {}

    static Object run(List<String> words) {
        if (words.isEmpty() || words.getFirst().equals("--help")) {
            return String.join("\n\n", LOAD.help(), SAVE.help(), PROFILE.help(), PREPARE.help());
        }
        String subcommand = words.getFirst();
        List<String> rest = words.subList(1, words.size());
        if (!SUBCOMMANDS.containsKey(subcommand)) {
            throw new MagicException("%lepton data has no subcommand '" + subcommand + "'."
                    + Suggestions.didYouMean("%lepton data ", subcommand, SUBCOMMANDS.keySet())
                    + " Try %lepton data --help.");
        }
        return switch (subcommand) {
            case "load" -> LOAD.call(rest, DataCommands::load);
            case "save" -> SAVE.call(rest, DataCommands::save);
            case "profile" -> PROFILE.call(rest, DataCommands::profile);
            default -> PREPARE.call(rest, DataCommands::prepare);
        };
    }

    private static Table load(MagicOptions options) {
        Path path = Path.of(options.required(0, "a file, as in %lepton data load datasets/penguins.csv"));
        CsvOptions.Builder csv = CsvOptions.builder();
        options.value("sep").ifPresent(sep -> csv.optSeparator(separator(sep)));
        if (options.value("na").isPresent()) {
            csv.optMissingTokens(options.list("na"));
        }
        options.value("encoding").ifPresent(name -> csv.optEncoding(encoding(name)));
        for (String type : options.list("types")) {
            int equals = type.indexOf('=');
            if (equals <= 0) {
                throw new MagicException(
                        "%lepton data load: --types takes COLUMN=KIND pairs, such as zip=text,signup=date; got '" + type
                                + "'.");
            }
            csv.optColumnType(type.substring(0, equals).strip(), ColumnKind.named(type.substring(equals + 1)));
        }
        LoadResult result = DataLoader.load(path, csv.build());
        Table table = result.table();
        String name = options.value("name").orElse(table.name());
        options.value("target").ifPresent(target -> {
            if (!table.containsColumn(target)) {
                throw new MagicException("%lepton data load: --target " + target + " is not a column of " + path + "."
                        + Suggestions.didYouMean("", target, table.columnNames()) + " Columns: "
                        + String.join(", ", table.columnNames()) + ".");
            }
            Lepton.session().target(name, target);
        });
        result.notes().forEach(note -> Notices.warning(name + ": " + note));
        Lepton.dataset(name, table);
        return table;
    }

    private static String save(MagicOptions options) {
        String name = options.required(0, "a dataset name, as in %lepton data save penguins penguins.parquet");
        Path path = Path.of(
                options.required(1, "a file to write, as in %lepton data save " + name + " " + name + ".parquet"));
        Lepton.save(name, path.toString());
        return "Saved " + name + " (" + Lepton.dataset(name).rowCount() + " rows) to " + path + ".";
    }

    private static Profile profile(MagicOptions options) {
        String name = options.required(0, "a dataset name, as in %lepton data profile penguins");
        return Profile.of(Lepton.dataset(name), Lepton.session().target(name).orElse(null));
    }

    private static Table prepare(MagicOptions options) {
        String name = options.required(0, "a dataset name, as in %lepton data prepare penguins --target sex");
        String target = options.value("target")
                .or(() -> Lepton.session().target(name))
                .orElseThrow(
                        () -> new MagicException("%lepton data prepare needs --target, for example --target sex."));
        PrepareOptions.Builder spec = PrepareOptions.builder(target)
                .optDrop(options.list("drop"))
                .optText(options.list("text"))
                .optStratify(options.flag("stratify"))
                .optSeed(options.longValue("seed", 42))
                .optDeduplicate(options.flag("dedupe"))
                .optClip(options.flag("clip"));
        Optional<PrepareOptions.Impute> impute = options.choice("impute", PrepareOptions.Impute.class);
        impute.ifPresent(spec::optImpute);
        if (options.value("fill").isPresent() || impute.orElse(null) == PrepareOptions.Impute.CONSTANT) {
            spec.optFill(options.doubles("fill").stream().findFirst().orElse(0.0));
        }
        options.choice("encode", PrepareOptions.Encode.class).ifPresent(spec::optEncode);
        options.choice("scale", PrepareOptions.Scale.class).ifPresent(spec::optScale);
        options.choice("unseen", PrepareOptions.Unseen.class).ifPresent(spec::optUnseen);
        options.choice("task", Task.class).ifPresent(spec::optTask);
        List<Double> split = options.doubles("split");
        if (!split.isEmpty()) {
            if (split.size() != 3) {
                throw new MagicException(
                        "%lepton data prepare: --split takes three fractions (train, validation, test), such as 0.7,0.15,0.15.");
            }
            spec.optSplit(split.get(0), split.get(1), split.get(2));
        }
        if (options.value("folds").isPresent()) {
            return folds(name, spec.build(), (int) options.longValue("folds", 0));
        }
        Prepared prepared = Lepton.prepare(name, spec.build());
        prepared.notes().forEach(note -> Notices.warning(name + ": " + note));
        Notices.info(name + ": " + prepared.preparation().task().name().toLowerCase() + " of '" + target + "'"
                + (prepared.preparation().labels().isEmpty()
                        ? ""
                        : " into " + String.join(", ", prepared.preparation().labels()))
                + ", " + prepared.train().columns() + " features"
                + (prepared.preparation().textColumns().isEmpty()
                        ? ""
                        : " and text from "
                                + String.join(", ", prepared.preparation().textColumns()))
                + ". In code: Lepton.prepared(\"" + name + "\").");
        return Table.create(
                name + " splits",
                StringColumn.create("split", "train", "validation", "test"),
                IntColumn.create(
                        "rows",
                        prepared.train().rows(),
                        prepared.validation().rows(),
                        prepared.test().rows()));
    }

    private static Table folds(String name, PrepareOptions spec, int k) {
        List<Prepared> folds = Lepton.folds(name, spec, k);
        folds.getFirst().notes().forEach(note -> Notices.warning(name + ": " + note));
        Notices.info(name + ": " + k + " folds of '" + spec.target()
                + "', each fitted on its own training rows. In code: Lepton.prepared(\"" + name
                + ".fold1\") ... Lepton.prepared(\"" + name + ".fold" + k + "\").");
        return Table.create(
                name + " folds",
                StringColumn.create(
                        "prepared",
                        IntStream.rangeClosed(1, k)
                                .mapToObj(i -> name + ".fold" + i)
                                .toList()),
                IntColumn.create(
                        "train rows",
                        folds.stream().mapToInt(fold -> fold.train().rows()).toArray()),
                IntColumn.create(
                        "validation rows",
                        folds.stream()
                                .mapToInt(fold -> fold.validation().rows())
                                .toArray()));
    }

    private static char separator(String text) {
        String unescaped = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
        if (unescaped.length() != 1) {
            throw new MagicException(
                    "%lepton data load: --sep takes one character, such as ',' or ';' or '\\t'; got '" + text + "'.");
        }
        return unescaped.charAt(0);
    }

    private static Charset encoding(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new MagicException("%lepton data load: unknown --encoding '" + name
                    + "'. Use UTF-8, ISO-8859-1 or windows-1252, for example.");
        }
    }
}
