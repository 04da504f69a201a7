package ai.lepton.data.duckdb;

import ai.lepton.base.LeptonException;

/** A query or file DuckDB refused, in words that say what and how to fix it (never a driver's stack trace). */
public class DuckDbException extends LeptonException {

    public DuckDbException(String message) {
        super(message);
    }

    public DuckDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
