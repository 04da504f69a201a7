package ai.lepton.runtime.cli;

/** A command line that cannot be followed: what was wrong and how to call the command. */
public class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
