package ai.lepton.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

import java.nio.charset.Charset;

/** jjava's streams for a cell's output, which the kernel's own execute handler attaches to each request. */
final class KernelIO extends JupyterIO {

    KernelIO(Charset encoding) {
        super(encoding);
    }

    /** Sends what the cell prints, displays and reads to and from {@code request}'s client. */
    void attach(ShellReplyEnvironment request, boolean stdinEnabled) {
        setEnv(request);
        setJupyterInEnabled(stdinEnabled);
    }

    void detach(ShellReplyEnvironment request) {
        retractEnv(request);
    }
}
