package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.promote.PromoteOptions;

import java.util.Map;
import java.util.Set;

/**
 * {@code %lepton promote}, {@code %lepton models} and {@code %lepton pretrained}: thin layers over {@link Lepton#promote},
 * the registry and the pretrained models found offline.
 */
final class ModelCommands {

    static final Subcommand PROMOTE = Subcommand.of(
            "promote",
            false,
            PromoteOptions.OPTIONS,
            Set.of(),
            "%lepton promote RUN --name N [--version V] [--alias A] [--publish local|FOLDER|URL]\n"
                    + "  Packages the finished run RUN (id, id prefix or name) as model N, checks in a fresh runtime that the package\n"
                    + "  reproduces the run's model on its held-out rows, then registers it (the next version unless --version).\n"
                    + "  In code: Lepton.promote(RUN, PromoteOptions.builder(N).optAlias(\"staging\").build()). Options:");
    static final Subcommand MODELS = new Subcommand(
            "models",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton models [N]\n  The registered models (LEPTON_REGISTRY), or the versions of N, with aliases, source runs and test metrics.");

    static final Subcommand PRETRAINED = new Subcommand(
            "pretrained",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton pretrained\n  The pretrained models pretrained: finds offline: the Hugging Face cache (HF_HUB_CACHE,"
                    + " HF_HOME/hub,\n  ~/.cache/huggingface/hub) and the models Lepton ships. In code: Lepton.pretrained().");

    private ModelCommands() {}

    static Object pretrained(MagicOptions options) {
        options.noPositional();
        return Lepton.pretrained();
    }

    static Object promote(MagicOptions options) {
        String run = options.required(0, "RUN (the run to promote: id, id prefix or name)");
        PromoteOptions.Builder promotion = PromoteOptions.builder(options.requiredOption("name", "penguins"));
        options.applyTo(PromoteOptions.OPTIONS, promotion::set);
        return Lepton.promote(run, promotion.build());
    }

    static Object models(MagicOptions options) {
        return options.positional().isEmpty() ? Lepton.models() : Lepton.models(options.required(0, "N"));
    }
}
