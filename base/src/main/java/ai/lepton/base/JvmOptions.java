package ai.lepton.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options of every JVM Lepton starts for notebook and model work: the session JVM, the promotion gate's fresh
 * runtime, the launcher's commands and the benchmarks. They are written once, in the argument file {@code jvm.options}
 * beside this class, which the launcher and the benchmarks pass to {@code java} as {@code @jvm.options}.
 */
public final class JvmOptions {

    /** The argument file's place in the source tree, for scripts: relative to the repository's root. */
    public static final String SOURCE_FILE = "base/src/main/resources/ai/lepton/base/jvm.options";

    private JvmOptions() {}

    /** The options, in the order written. */
    public static List<String> standard() {
        try (InputStream in = JvmOptions.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IllegalStateException(
                        "jvm.options is missing beside " + JvmOptions.class.getName() + ": the build is broken");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jvm.options", e);
        }
    }

    /** The words of an argument file: {@code #} starts a comment to the end of the line. */
    static List<String> parse(String text) {
        List<String> options = new ArrayList<>();
        text.lines()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .forEach(line -> options.addAll(Arrays.asList(line.split("\\s+"))));
        return options;
    }

    /** {@code java} of the running JDK followed by the standard options: the start of a command that runs Lepton code. */
    public static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(standard());
        return command;
    }
}
