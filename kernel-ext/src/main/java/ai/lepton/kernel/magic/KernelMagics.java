package ai.lepton.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.util.List;

/** Registers the kernel's own magics: each runs against the {@link MagicKernel} it was registered for. */
public final class KernelMagics {

    /** A line magic's work: {@code %name args}. */
    @FunctionalInterface
    interface Line {
        Object run(MagicKernel kernel, List<String> args) throws Exception;
    }

    /** A cell magic's work: {@code %%name args} and the cell's body. */
    @FunctionalInterface
    interface Cell {
        Object run(MagicKernel kernel, List<String> args, String body) throws Exception;
    }

    /** Puts magics of one kernel into a registry. */
    record Registrar(MagicsRegistry registry, MagicKernel kernel) {

        void line(String name, Line magic) {
            registry.registerLineMagic(
                    name, (LineMagic<Object, BaseKernel>) (ignored, args) -> magic.run(kernel, args));
        }

        void cell(String name, Cell magic) {
            registry.registerCellMagic(
                    name, (CellMagic<Object, BaseKernel>) (ignored, args, body) -> magic.run(kernel, args, body));
        }
    }

    private KernelMagics() {}

    public static void registerAll(MagicsRegistry registry, MagicKernel kernel) {
        Registrar magics = new Registrar(registry, kernel);
        DependencyMagics.register(magics);
        ClasspathMagics.register(magics);
        LoadMagic.register(magics);
        TimeMagic.register(magics);
        ContentMagics.register(magics);
    }
}
