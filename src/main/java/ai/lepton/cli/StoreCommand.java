package ai.lepton.cli;

import ai.lepton.base.CommandExit;
import ai.lepton.base.LeptonException;
import ai.lepton.track.RunStore;
import ai.lepton.track.SecretScrub;

/**
 * {@code ./lepton store upgrade}: creates or upgrades the run store's schema at {@code LEPTON_STORE}, and redacts the
 * secrets that runs recorded by older Lepton versions hold in their environments. On a team's
 * PostgreSQL store the administrator runs it (environment/team-setup.sh does), so the tables and their row-level
 * security belong to the administrator and every member's runs stay their own.
 */
public final class StoreCommand {

    private StoreCommand() {}

    public static void main(String[] args) {
        try {
            if (args.length != 1 || !args[0].equals("upgrade")) {
                throw new LeptonException(
                        "usage: ./lepton store upgrade   (creates or upgrades the schema of LEPTON_STORE and redacts secrets that"
                                + " older runs recorded)");
            }
            try (RunStore store = RunStore.openDefault()) {
                System.out.println("The run store " + store.url() + " is at schema version " + store.schemaVersion()
                        + " (as " + store.user() + ").");
                SecretScrub scrub = store.scrubSecrets();
                System.out.println("Secrets redacted from " + scrub.scrubbed()
                        + " run(s): their recorded environment, parameters and tags."
                        + (scrub.leftToOthers() == 0
                                ? ""
                                : " " + scrub.leftToOthers() + " run(s) of other users still hold some: the store's"
                                        + " administrator runs ./lepton store upgrade to redact them for everyone."));
            }
        } catch (LeptonException e) {
            CommandExit.refuse(e);
        }
    }
}
