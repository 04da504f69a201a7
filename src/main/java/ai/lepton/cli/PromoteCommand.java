package ai.lepton.cli;

import ai.lepton.base.CommandExit;
import ai.lepton.base.LeptonException;
import ai.lepton.promote.PromoteOptions;
import ai.lepton.promote.Promoted;
import ai.lepton.promote.Promotion;
import ai.lepton.promote.Registry;
import ai.lepton.runtime.cli.CommandOptions;
import ai.lepton.runtime.cli.UsageException;
import ai.lepton.track.RunStore;

import java.util.List;
import java.util.Map;

/** {@code ./lepton promote RUN --name N [--version V] [--alias A] [--publish REPO]}: promotes a run from the shell. */
public final class PromoteCommand {

    private static final String USAGE =
            "usage: ./lepton promote RUN --name N [--version V] [--alias A] [--publish local|FOLDER|URL]";

    private PromoteCommand() {}

    public static void main(String[] args) {
        try {
            if (args.length < 1 || args[0].startsWith("--")) {
                throw new LeptonException(USAGE);
            }
            Map<String, String> options =
                    CommandOptions.parse(args, 1, List.copyOf(PromoteOptions.OPTIONS.names()), USAGE);
            if (!options.containsKey(PromoteOptions.NAME.name())) {
                throw new LeptonException("promote needs --name: the model's name in the registry. " + USAGE);
            }
            PromoteOptions.Builder builder = PromoteOptions.builder(options.get(PromoteOptions.NAME.name()));
            options.forEach(builder::set);
            PromoteOptions promote = builder.build();
            try (RunStore store = RunStore.openDefault()) {
                Promoted promoted = Promotion.promote(store, Registry.open(), args[0], promote);
                System.out.println(promoted);
            }
        } catch (LeptonException | UsageException e) {
            CommandExit.refuse(e);
        }
    }
}
