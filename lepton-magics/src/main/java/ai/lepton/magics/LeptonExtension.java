package ai.lepton.magics;

import ai.lepton.kernel.LeptonKernel;
import ai.lepton.kernel.deps.LibraryFamily;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Registers {@code %lepton} / {@code %%lepton} (with their completion) and {@code %%sql} in the kernel; the work
 * happens in the session. Keeps Lepton's DJL whatever notebooks pin.
 */
public final class LeptonExtension implements Extension {

    /**
     * DJL and its engine stay at Lepton's version in every session: a notebook written for an older DJL pins it (and
     * its MXNet or PyTorch engine) with {@code %maven}, and older engines download their natives at run time.
     */
    static final LibraryFamily DJL = new LibraryFamily(
            "DJL", "ai.djl", "api", "with its engine: older DJL engines download their natives at run time");

    @Override
    public void install(BaseKernel kernel) {
        if (!(kernel instanceof LeptonKernel leptonKernel)) {
            return; // the commands need a Lepton session to run in
        }
        LineMagic<Object, LeptonKernel> line = (lepton, args) ->
                lepton.evalMagicCall(LeptonCommands.class.getName() + ".line(" + literals(args) + ")");
        CellMagic<Object, LeptonKernel> cell =
                (lepton, args, body) -> lepton.evalMagicCall(LeptonCommands.class.getName() + ".cell("
                        + JavaLiterals.string(body) + (args.isEmpty() ? "" : ", ") + literals(args) + ")");
        kernel.getMagicsRegistry().registerLineMagic("lepton", line);
        kernel.getMagicsRegistry().registerCellMagic("lepton", cell);
        CellMagic<Object, LeptonKernel> sql = (lepton, args, body) -> lepton.evalMagicCall(SqlCommand.class.getName()
                + ".cell(" + JavaLiterals.string(body) + (args.isEmpty() ? "" : ", ") + literals(args) + ")");
        kernel.getMagicsRegistry().registerCellMagic("sql", sql);
        leptonKernel.registerMagicCompleter("lepton", new LeptonCompletion());
        leptonKernel.keepFamily(DJL);
    }

    private static String literals(List<String> args) {
        return args.stream().map(JavaLiterals::string).collect(Collectors.joining(", "));
    }
}
