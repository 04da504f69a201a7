package ai.lepton.runtime.input;

/** A body holding more rows than its reader takes at once; refused before the rest is read. */
public final class TooManyRowsException extends InputException {

    private final int maxRows;

    TooManyRowsException(int maxRows) {
        super("The body holds more than " + maxRows + " rows, the most taken in one request.");
        this.maxRows = maxRows;
    }

    public int maxRows() {
        return maxRows;
    }
}
