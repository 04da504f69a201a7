package ai.lepton.runtime.artifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The entries of a Lepton artifact (a zip file, {@code .lepton}). Every entry but the checksum list and the
 * signature is listed with its SHA-256 in {@link #CHECKSUMS}; the optional {@link #SIGNATURE} signs that list,
 * so one signature covers every byte of the artifact.
 */
public final class ArtifactLayout {

    /** The format this runtime reads; written into the manifest. */
    public static final String FORMAT = "lepton-artifact/1";

    public static final String EXTENSION = ".lepton";

    public static final String MANIFEST = "manifest.json";
    /** A full-precision network's weights, as DJL saves them. */
    public static final String PARAMETERS = "model/model-0000.params";
    /** A compressed network's weights (int8 or fp16), in safetensors; an artifact holds this or {@link #PARAMETERS}. */
    public static final String WEIGHTS = "model/weights.safetensors";
    /** A text model's tokenizer, Hugging Face's {@code tokenizer.json} as the run trained with it. */
    public static final String TOKENIZER = "text/tokenizer.json";

    public static final String ARCHITECTURE = "model/architecture.json";
    public static final String SCHEMA = "schema.json";
    public static final String PREPARATION = "preparation.json";
    public static final String MODEL_CARD = "MODEL_CARD.md";
    /** Each input's reference distribution, for a server's drift metrics (artifacts from before it have none). */
    public static final String PROFILE = "monitoring/profile.json";

    public static final String CHECKSUMS = "CHECKSUMS.sha256";
    public static final String SIGNATURE = "SIGNATURE.ed25519";

    /** The longest file name most file systems take, in bytes: each part of an entry's path must fit. */
    private static final int MAX_NAME_BYTES = 255;
    /** The longest entry name, in bytes: far above promotion's (about 30), and short of any system's path limit. */
    private static final int MAX_PATH_BYTES = 1024;

    /** What every artifact holds besides its checksum list and its weights ({@link #PARAMETERS} or {@link #WEIGHTS}). */
    public static final List<String> REQUIRED = List.of(MANIFEST, ARCHITECTURE, SCHEMA, PREPARATION, MODEL_CARD);

    private ArtifactLayout() {}

    /** Where a published model's jar holds its artifact, unchanged. */
    public static String resource(String name, String version) {
        return "lepton/models/" + name + "/" + name + "-" + version + EXTENSION;
    }

    /** Whether {@code entry} holds the weights ({@link #PARAMETERS} or {@link #WEIGHTS}): the entry that grows with the model. */
    static boolean isWeights(String entry) {
        return entry.equals(PARAMETERS) || entry.equals(WEIGHTS);
    }

    /**
     * Why {@code name} may not be an entry name, or null when it may: an entry must stay inside the artifact
     * wherever it is unpacked (no absolute paths, no {@code ..}, no backslashes or drive letters), and be a name file
     * systems take (no control characters, each part and the whole of a bounded length, a path this system accepts).
     */
    static String unsafeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return "an absolute or platform-specific path";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "a name with a control character (U+%04X at character %d)".formatted((int) c, i);
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "a path longer than the " + MAX_PATH_BYTES + " bytes an entry's name may take";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                return "a path that leaves or bends the artifact's folder ('" + segment + "' segment)";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return "a path with a name longer than file systems allow (" + MAX_NAME_BYTES + " bytes)";
            }
        }
        try {
            Path.of(name);
        } catch (InvalidPathException e) {
            return "a name this system's files cannot take (" + e.getReason() + ")";
        }
        return null;
    }

    /** {@code name} as a message may show it: control characters escaped, a long name cut. */
    static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(120).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                shown.append("\\u%04X".formatted(c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown + (name.codePointCount(0, name.length()) > 120 ? "…" : "");
    }
}
