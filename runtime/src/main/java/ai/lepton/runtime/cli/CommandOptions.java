package ai.lepton.runtime.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a shell command, as every {@code ./lepton} command takes them. */
public final class CommandOptions {

    private CommandOptions() {}

    /** The options in {@code args} from {@code from} on; an unknown option or one without a value is refused with {@code usage}. */
    public static Map<String, String> parse(String[] args, int from, List<String> known, String usage) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new UsageException("unknown option '" + args[i] + "'; this command knows --"
                        + String.join(", --", known) + ". " + usage);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("--" + name + " needs a value. " + usage);
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }
}
