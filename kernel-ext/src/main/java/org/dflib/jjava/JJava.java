package org.dflib.jjava;

import ai.lepton.kernel.notebook.Notebook;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * JJava's entry point, as notebooks written for JJava call it: {@code JJava.getKernelInstance().getRenderer()} to
 * register renderings of their own types, and {@code display}. In Lepton it reaches the session's renderer.
 */
public final class JJava {

    private static final Kernel KERNEL = new Kernel();

    private JJava() {}

    public static Kernel getKernelInstance() {
        return KERNEL;
    }

    /** What a notebook asks of the kernel instance. */
    public static final class Kernel {

        private Kernel() {}

        /** The session's renderer (jjava's own type: JJava notebooks use it as they are). */
        public Renderer getRenderer() {
            return Notebook.renderer();
        }

        /** Shows {@code data} as a new output of the running cell. */
        public void display(DisplayData data) {
            Notebook.display(data);
        }
    }
}
