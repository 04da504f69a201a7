package ai.lepton.kernel.magic;

import ai.lepton.kernel.deps.PomDependencies;
import ai.lepton.kernel.deps.Resolution;

import java.util.List;

/** {@code %maven} / {@code %addMavenDependencies}, {@code %mavenRepo} / {@code %addMavenRepo} and {@code %%loadFromPOM}. */
public final class DependencyMagics {

    private DependencyMagics() {}

    static void register(KernelMagics.Registrar magics) {
        magics.line("maven", DependencyMagics::maven);
        magics.line("addMavenDependencies", DependencyMagics::maven);
        magics.line("addMavenDependency", DependencyMagics::maven);
        magics.line("mavenRepo", DependencyMagics::mavenRepo);
        magics.line("addMavenRepo", DependencyMagics::mavenRepo);
        magics.cell("loadFromPOM", DependencyMagics::loadFromPom);
    }

    private static Object maven(MagicKernel kernel, List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException(
                    "%maven needs coordinates, for example: %maven org.apache.commons:commons-lang3:3.17.0");
        }
        addAll(kernel, args);
        return null;
    }

    private static Object mavenRepo(MagicKernel kernel, List<String> args) {
        if (args.size() != 2) {
            throw new MagicException(
                    "%mavenRepo takes an id and a URL, for example: %mavenRepo company https://repo.example.com/maven2");
        }
        kernel.dependencies().addRepository(args.get(0), args.get(1));
        return null;
    }

    private static Object loadFromPom(MagicKernel kernel, List<String> args, String body) {
        PomDependencies pom = PomDependencies.parse(body);
        pom.repositories().forEach((id, url) -> kernel.dependencies().addRepository(id, url));
        if (pom.coordinates().isEmpty()) {
            throw new MagicException("%%loadFromPOM: the POM has no <dependency> to load.");
        }
        addAll(kernel, pom.coordinates());
        return null;
    }

    /** Resolves and adds each in turn (a later one sees what an earlier one added), then says what was substituted. */
    private static void addAll(MagicKernel kernel, List<String> coordinates) {
        Resolution all = Resolution.none();
        for (String coordinate : coordinates) {
            Resolution resolution = kernel.dependencies().resolve(coordinate);
            if (!resolution.added().isEmpty()) {
                kernel.addToClasspath(resolution.added());
            }
            all = all.and(resolution);
        }
        all.lines().forEach(kernel.getIO().out::println);
    }
}
