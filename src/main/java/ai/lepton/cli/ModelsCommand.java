package ai.lepton.cli;

import ai.lepton.base.CommandExit;
import ai.lepton.base.LeptonException;
import ai.lepton.promote.ModelTable;
import ai.lepton.promote.Registry;

import java.util.List;

/**
 * {@code ./lepton models [NAME]}: the registry's model versions, with aliases, source runs and test metrics.
 * {@code --path NAME[:VERSION|@ALIAS]} prints the artifact file of a version (how {@code ./lepton predict} finds it).
 */
public final class ModelsCommand {

    private ModelsCommand() {}

    public static void main(String[] args) {
        try {
            if (args.length == 2 && args[0].equals("--path")) {
                System.out.println(Registry.open().resolve(args[1]).artifact());
                return;
            }
            if (args.length > 1) {
                throw new LeptonException("usage: ./lepton models [NAME]");
            }
            Registry registry = Registry.open();
            if (args.length == 1) {
                registry.resolve(args[0]); // an unknown name lists the models there are
            }
            if (registry.models().isEmpty()) {
                System.out.println(
                        "No models in " + registry.root() + " yet: promote a run with ./lepton promote RUN --name N.");
                return;
            }
            System.out.println(ModelTable.of(registry, args.length == 1 ? List.of(args[0]) : List.of())
                    .printAll());
        } catch (LeptonException e) {
            CommandExit.refuse(e);
        }
    }
}
