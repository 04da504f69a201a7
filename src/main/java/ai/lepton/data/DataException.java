package ai.lepton.data;

import ai.lepton.base.LeptonException;

/** Bad data or a bad data option: the message names the file, line and column, and the fix. */
public class DataException extends LeptonException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
