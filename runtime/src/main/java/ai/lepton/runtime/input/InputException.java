package ai.lepton.runtime.input;

/** A row the model cannot take: which row, which field, what was wrong and what it expects. */
public class InputException extends IllegalArgumentException {

    public InputException(String message) {
        super(message);
    }
}
