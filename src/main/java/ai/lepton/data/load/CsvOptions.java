package ai.lepton.data.load;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read a CSV file. Build with {@link #builder()}; every setting is optional.
 *
 * @param separator     the field separator, or 0 to sniff it from the first lines
 * @param missingTokens cell texts that mean "missing"
 * @param encoding      the file's text encoding
 * @param types         column types that replace detection, by column name
 */
public record CsvOptions(char separator, List<String> missingTokens, Charset encoding, Map<String, ColumnKind> types) {

    public CsvOptions {
        missingTokens = List.copyOf(missingTokens);
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** What counts as missing unless told otherwise. "NaN" is missing too: a value nobody measured. */
    public static final List<String> DEFAULT_MISSING =
            ai.lepton.runtime.input.MissingTokens.DEFAULT; // the runtime reads CSV alike

    public static Builder builder() {
        return new Builder();
    }

    public static CsvOptions defaults() {
        return builder().build();
    }

    /** Builder in DJL's style: {@code opt*} for optional settings. */
    public static final class Builder {
        private char separator;
        private List<String> missingTokens = DEFAULT_MISSING;
        private Charset encoding = StandardCharsets.UTF_8;
        private final Map<String, ColumnKind> types = new LinkedHashMap<>();

        public Builder optSeparator(char separator) {
            this.separator = separator;
            return this;
        }

        public Builder optMissingTokens(List<String> tokens) {
            this.missingTokens = List.copyOf(tokens);
            return this;
        }

        public Builder optEncoding(Charset encoding) {
            this.encoding = encoding;
            return this;
        }

        /** Reads {@code column} as {@code kind} instead of detecting its type: {@code optColumnType("zip", ColumnKind.TEXT)}. */
        public Builder optColumnType(String column, ColumnKind kind) {
            types.put(column, kind);
            return this;
        }

        public CsvOptions build() {
            return new CsvOptions(separator, missingTokens, encoding, types);
        }
    }
}
