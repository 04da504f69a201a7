package ai.lepton.kernel.magic;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %jars} (jar files, globs allowed) and {@code %classpath} (jars or class folders). */
public final class ClasspathMagics {

    private ClasspathMagics() {}

    static void register(KernelMagics.Registrar magics) {
        magics.line("jars", (kernel, args) -> add(kernel, "jars", args, true));
        magics.line("classpath", (kernel, args) -> add(kernel, "classpath", args, false));
    }

    private static Object add(MagicKernel kernel, String magic, List<String> args, boolean jarsOnly) {
        if (args.isEmpty()) {
            throw new MagicException("%" + magic + " needs at least one path, for example: %" + magic + " lib/*.jar");
        }
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            Path base = kernel.workingDirectory();
            String pattern = Path.of(arg).isAbsolute() ? arg : base.resolve(arg).toString();
            List<Path> matched = PathsHandler.resolveGlobs(pattern).stream()
                    .filter(Files::exists)
                    .toList();
            if (matched.isEmpty()) {
                throw new MagicException("%" + magic + ": nothing matches " + arg + " (looked in " + base
                        + "). Check the path; relative paths start at the notebook's folder.");
            }
            for (Path path : matched) {
                if (jarsOnly && !Files.isRegularFile(path)) {
                    throw new MagicException(
                            "%jars: " + path + " is not a file. Use %classpath for folders of classes.");
                }
                paths.add(path);
            }
        }
        kernel.addToClasspath(paths);
        return null;
    }
}
