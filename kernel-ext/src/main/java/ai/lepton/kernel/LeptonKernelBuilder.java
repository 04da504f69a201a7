package ai.lepton.kernel;

import ai.lepton.kernel.history.FileHistory;
import ai.lepton.kernel.magic.KernelMagics;
import ai.lepton.kernel.reply.StatusCommManager;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Builds a {@link LeptonKernel} with jjava's defaults for I/O, comms and rendering, and Lepton's magics. */
public final class LeptonKernelBuilder extends BaseKernelBuilder<LeptonKernelBuilder, LeptonKernel> {

    private final KernelEnvironment environment;

    public LeptonKernelBuilder(KernelEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public LeptonKernel build() {
        MagicsRegistry magics = buildMagicsRegistry();
        LeptonKernel kernel = new LeptonKernel(
                environment,
                new FileHistory(environment.historyFile()),
                new KernelIO(buildJupyterIOEncoding()),
                buildCommManager(),
                buildRenderer(),
                // jjava's magic transpiler is not used: cells are split by CellParser and magics run in the kernel
                new MagicParser("^\\s*%", "%%", buildMagicTranspiler()),
                magics,
                buildExtensionsEnabled(),
                buildErrorStyler());
        KernelMagics.registerAll(magics, kernel);
        return kernel;
    }

    /** jjava's, answering comm_info_request with the status the messaging spec requires. */
    @Override
    protected CommManager buildCommManager() {
        return new StatusCommManager();
    }
}
