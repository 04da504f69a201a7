package ai.lepton.base;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every {@code LEPTON_*} setting, declared once: its variable, what it says, how its text is read, and its default; and
 * the Hugging Face cache's folder, read as Hugging Face's own libraries read it. Read them with {@link Setting#get()};
 * see {@link Setting} for the system property that overrides each one.
 */
public final class Settings {

    private static final Pattern DEVICES = Pattern.compile("cpu|gpu(:\\d+)?");
    private static final Pattern BYTES = Pattern.compile("(\\d{1,12})([kmg]?)");

    /** Where Lepton keeps the run store, checkpoints, held-out rows and the registry. */
    public static final Setting<Path> HOME = Setting.of(
            "LEPTON_HOME",
            "the folder of Lepton's files, default ~/.lepton",
            Path::of,
            source ->
                    Path.of(source.properties().getOrDefault("user.home", ".")).resolve(".lepton"));

    /** The run store: a SQLite or PostgreSQL JDBC URL. */
    public static final Setting<String> STORE = Setting.of(
            "LEPTON_STORE",
            "the run store's JDBC URL, such as jdbc:postgresql://host:5432/lepton; default the SQLite file runs.db in LEPTON_HOME",
            text -> text,
            source -> "jdbc:sqlite:" + HOME.read(source).resolve("runs.db"));

    /** The model registry's folder. */
    public static final Setting<Path> REGISTRY = Setting.of(
            "LEPTON_REGISTRY",
            "the model registry's folder, default LEPTON_HOME/registry",
            Path::of,
            source -> HOME.read(source).resolve("registry"));

    /** Extra options of the notebook session's JVM. */
    public static final Setting<List<String>> SESSION_JAVA_OPTIONS = Setting.of(
            "LEPTON_SESSION_JAVA_OPTIONS",
            "extra options of the notebook session's JVM, such as -Xmx8g",
            text -> List.of(text.split("\\s+")),
            source -> List.of());

    /** Where the production runtime predicts. */
    public static final Setting<String> DEVICE = Setting.of(
            "LEPTON_DEVICE",
            "where the production runtime predicts: cpu, gpu or gpu:N",
            text -> {
                if (!DEVICES.matcher(text).matches()) {
                    throw new IllegalArgumentException("use cpu, gpu or gpu:N");
                }
                return text;
            },
            source -> "cpu");

    /** The private key promotion signs artifacts with. */
    public static final Setting<String> SIGNING_KEY = Setting.of(
            "LEPTON_SIGNING_KEY",
            "the Ed25519 private key promotion signs artifacts with: PEM or Base64 text, or a file holding it",
            text -> text,
            source -> null);

    /** The public key loading requires a valid signature with. */
    public static final Setting<String> VERIFY_KEY = Setting.of(
            "LEPTON_VERIFY_KEY",
            "the Ed25519 public key every loaded artifact must be signed for: PEM or Base64 text, or a file holding it",
            text -> text,
            source -> null);

    /**
     * The most bytes an artifact's weights entry may hold when it is loaded: bounds what a crafted artifact can make
     * the runtime inflate and write to a temporary file. Every other entry has a fixed limit far above what promotion
     * writes.
     */
    public static final Setting<Long> MAX_WEIGHTS = Setting.of(
            "LEPTON_MAX_WEIGHTS",
            "the most bytes an artifact's weights, or a pretrained archive's parameters, may take when loaded, written as"
                    + " for -Xmx: 512m, 4g; default 4g",
            Settings::bytes,
            source -> 4L << 30);

    /** The user Lepton publishes models to an HTTP Maven repository as. */
    public static final Setting<String> MAVEN_USER = Setting.of(
            "LEPTON_MAVEN_USER",
            "the user of an HTTP Maven repository models are published to",
            text -> text,
            source -> null);

    /** That user's password. */
    public static final Setting<String> MAVEN_PASSWORD =
            Setting.of("LEPTON_MAVEN_PASSWORD", "the password of LEPTON_MAVEN_USER", text -> text, source -> "");

    /** The notebook a session runs, as runs record it; Jupyter names it in JPY_SESSION_NAME. */
    public static final Setting<String> NOTEBOOK = Setting.of(
            "LEPTON_NOTEBOOK",
            "the notebook runs record as theirs, default JPY_SESSION_NAME",
            text -> text,
            source -> source.variable("JPY_SESSION_NAME"));

    /** The kernel's history file, which the session reads to record the cells that produced a run (set by the kernel). */
    public static final Setting<Path> HISTORY = Setting.of(
            "LEPTON_HISTORY", "the kernel's cell history file (the kernel sets it)", Path::of, source -> null);

    /** This kernel session's number in the history file (set by the kernel). */
    public static final Setting<Integer> HISTORY_SESSION = Setting.of(
            "LEPTON_HISTORY_SESSION",
            "the kernel session's number in the history file (the kernel sets it)",
            Settings::whole,
            source -> null);

    /** The kernel's display bridge, {@code port:token}, that the session sends displays to (set by the kernel). */
    public static final Setting<String> BRIDGE = Setting.of(
            "LEPTON_BRIDGE",
            "the kernel's display bridge, port:token (the kernel sets it)",
            text -> text,
            source -> null);

    /** Hugging Face's model cache, where {@code pretrained: org/name} is looked up offline (as Hugging Face lays it out). */
    public static final Setting<Path> HF_HUB_CACHE = Setting.of(
            "HF_HUB_CACHE",
            "the Hugging Face cache pretrained models are found in, default HF_HOME/hub or ~/.cache/huggingface/hub",
            Path::of,
            source -> source.variable("HF_HOME") != null
                    ? Path.of(source.variable("HF_HOME")).resolve("hub")
                    : Path.of(source.properties().getOrDefault("user.home", "."))
                            .resolve(".cache/huggingface/hub"));

    /** The most bytes one download may have; more is refused (a declared length at once, a longer body when reached). */
    public static final Setting<Long> DOWNLOAD_LIMIT = Setting.of(
            "LEPTON_DOWNLOAD_LIMIT",
            "the most bytes one download (a pretrained: URL) may have, written as for -Xmx: 500m, 4g; default 2g",
            Settings::bytes,
            source -> 2L << 30);

    /** How long a download may wait for a connection, for the server's answer, and between two pieces of its body. */
    public static final Setting<Duration> DOWNLOAD_TIMEOUT = Setting.of(
            "LEPTON_DOWNLOAD_TIMEOUT",
            "the seconds a download (a pretrained: URL) may wait to connect, for an answer, or for more of the body;"
                    + " default 30",
            Settings::seconds,
            source -> Duration.ofSeconds(30));

    /** Every setting, in the order the README lists them. */
    public static final List<Setting<?>> ALL = List.of(
            HOME,
            STORE,
            REGISTRY,
            SESSION_JAVA_OPTIONS,
            DEVICE,
            SIGNING_KEY,
            VERIFY_KEY,
            MAX_WEIGHTS,
            MAVEN_USER,
            MAVEN_PASSWORD,
            NOTEBOOK,
            HISTORY,
            HISTORY_SESSION,
            BRIDGE,
            DOWNLOAD_LIMIT,
            DOWNLOAD_TIMEOUT,
            HF_HUB_CACHE);

    private Settings() {}

    /** {@code 2g}, {@code 500m}, {@code 64k} or a number of bytes, as {@code -Xmx} reads them (1k is 1024 bytes). */
    private static Long bytes(String text) {
        Matcher size = BYTES.matcher(text.toLowerCase(Locale.ROOT));
        if (size.matches() && Long.parseLong(size.group(1)) > 0) {
            int power = size.group(2).isEmpty() ? 0 : "kmg".indexOf(size.group(2)) + 1;
            try {
                return Math.multiplyExact(Long.parseLong(size.group(1)), 1L << (10 * power));
            } catch (ArithmeticException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("a size such as 500m or 4g (k, m, g: 1024, 1024², 1024³ bytes)");
    }

    /** A positive number of seconds, such as 30 or 0.5. */
    private static Duration seconds(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0 && seconds <= 86_400) {
                return Duration.ofNanos(Math.round(seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("a number of seconds above 0, at most a day, such as 30 or 0.5");
    }

    private static Integer whole(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a whole number");
        }
    }
}
