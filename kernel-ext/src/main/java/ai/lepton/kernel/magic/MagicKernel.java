package ai.lepton.kernel.magic;

import ai.lepton.kernel.deps.DependencyResolver;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.nio.file.Path;
import java.util.List;

/** The kernel as its own magics see it: what they may ask of the kernel that runs them. */
public interface MagicKernel {

    /** Runs a cell's magics and Java as if the user had typed it ({@code %load}, {@code %time}). */
    DisplayData evalCell(String code);

    /** Adds jars or class folders to the session's classpath and installs the extensions found in them. */
    void addToClasspath(List<Path> paths);

    /** Resolves Maven dependencies for {@code %maven} and {@code %%loadFromPOM}. */
    DependencyResolver dependencies();

    /** The folder relative paths in magics start from: the notebook's folder. */
    Path workingDirectory();

    /** Where a magic prints to the running cell. */
    JupyterIO getIO();
}
