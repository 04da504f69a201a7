package ai.lepton.runtime.json;

/**
 * Text that is not the JSON expected: the message is a short phrase saying what is wrong and where ("it nests deeper
 * than 64 levels (line 1, column 65)"), for the caller to put after the file, entry or request it read.
 */
public final class NotJsonException extends IllegalArgumentException {

    NotJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
