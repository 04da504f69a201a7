package ai.lepton.base;

/**
 * One thing Lepton tells the user while it works (a job submitted, a run interrupted, rows a loader had to repair),
 * as a value: {@link Notices} shows it the way the place the code runs in shows such things.
 *
 * @param level whether the user should look into it, or is only kept informed
 * @param text  a sentence or two for people, without a trailing newline
 */
public record Notice(Level level, String text) {

    /** How much a notice asks of the user. */
    public enum Level {
        /** what happened, or what the user can do next */
        INFO,
        /** something the user should check: data repaired, a setting that costs results */
        WARNING
    }

    public static Notice info(String text) {
        return new Notice(Level.INFO, text);
    }

    public static Notice warning(String text) {
        return new Notice(Level.WARNING, text);
    }
}
