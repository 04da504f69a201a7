package ai.lepton.runtime.input;

import java.util.List;

/** Cell texts that mean "missing" in CSV files, at training (Lepton's loader) and at predict time alike. */
public final class MissingTokens {

    /** "NaN" is missing too: a value nobody measured. */
    public static final List<String> DEFAULT = List.of("", "NA", "N/A", "NaN", "nan", "null", "NULL", "?");

    private MissingTokens() {}
}
