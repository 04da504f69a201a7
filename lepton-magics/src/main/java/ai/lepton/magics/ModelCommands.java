package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.promote.PromoteOptions;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code %lepton promote} and {@code %lepton models}: thin layers over {@link Lepton#promote} and the registry. */
final class ModelCommands {

    static final Subcommand PROMOTE = new Subcommand(
            "promote",
            false,
            Set.of("name", "version", "alias", "publish"),
            Set.of(),
            Map.of("alias", List.of("staging", "production"), "publish", List.of("local")),
            "%lepton promote RUN --name N [--version V] [--alias A] [--publish local|FOLDER|URL]\n"
                    + "  Packages the finished run RUN (id, id prefix or name) as model N, checks in a fresh runtime that the package\n"
                    + "  reproduces the run's model on its held-out rows, then registers it (the next version unless --version).\n"
                    + "  --alias moves an alias (staging, production, ...) to it; --publish puts it in a Maven repository.");
    static final Subcommand MODELS = new Subcommand(
            "models",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton models [N]\n  The registered models (LEPTON_REGISTRY), or the versions of N, with aliases, source runs and test metrics.");

    private ModelCommands() {}

    static Object promote(MagicOptions options) {
        String run = options.required(0, "RUN (the run to promote: id, id prefix or name)");
        String name = options.requiredOption("name", "penguins");
        return Lepton.promote(
                run,
                new PromoteOptions(
                        name,
                        options.value("version").orElse(null),
                        options.value("alias").orElse(null),
                        options.value("publish").orElse(null)));
    }

    static Object models(MagicOptions options) {
        return options.positional().isEmpty() ? Lepton.models() : Lepton.models(options.required(0, "N"));
    }
}
