package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.promote.PromoteOptions;
import ai.lepton.promote.Promoted;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code %lepton promote} and {@code %lepton models}: thin layers over {@link Lepton#promote} and the registry. */
final class ModelCommands {

    static final Map<String, String> HELP = Map.of(
            "promote", "%lepton promote RUN --name N [--version V] [--alias A] [--publish local|FOLDER|URL]\n"
                    + "  Packages the finished run RUN (id, id prefix or name) as model N, checks in a fresh runtime that the package\n"
                    + "  reproduces the run's model on its held-out rows, then registers it (the next version unless --version).\n"
                    + "  --alias moves an alias (staging, production, ...) to it; --publish puts it in a Maven repository.",
            "models", "%lepton models [N]\n  The registered models (LEPTON_REGISTRY), or the versions of N, with aliases, source runs and test metrics.");

    private ModelCommands() {
    }

    static Object promote(List<String> words) {
        if (words.contains("--help")) {
            return HELP.get("promote");
        }
        MagicOptions options = MagicOptions.parse("%lepton promote", words, Set.of("name", "version", "alias", "publish"), Set.of());
        String run = options.required(0, "RUN (the run to promote: id, id prefix or name)");
        String name = options.requiredOption("name", "penguins");
        Promoted promoted = Lepton.promote(run, new PromoteOptions(name, options.value("version").orElse(null),
                options.value("alias").orElse(null), options.value("publish").orElse(null)));
        return Lepton.models(promoted.model().name());
    }

    static Object models(List<String> words) {
        if (words.contains("--help")) {
            return HELP.get("models");
        }
        MagicOptions options = MagicOptions.parse("%lepton models", words, Set.of(), Set.of());
        return options.positional().isEmpty() ? Lepton.models() : Lepton.models(options.required(0, "N"));
    }
}
