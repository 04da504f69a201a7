package io.github.spencerpark.ijava;

import ai.lepton.kernel.notebook.Notebook;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * IJava's entry point, as notebooks written for IJava call it (d2l-java registers its plots' HTML this way):
 * {@code IJava.getKernelInstance().getRenderer().createRegistration(Type.class).preferring(MIMEType.TEXT_HTML)
 * .register((value, context) -> context.renderIfRequested(MIMEType.TEXT_HTML, () -> html))}, and {@code display}.
 */
public final class IJava {

    private static final Kernel KERNEL = new Kernel();

    private IJava() {}

    public static Kernel getKernelInstance() {
        return KERNEL;
    }

    /** What a notebook asks of the kernel instance. */
    public static final class Kernel {

        private final Renderer renderer = new Renderer(Notebook.renderer());

        private Kernel() {}

        /** The session's renderer, in IJava's types. */
        public Renderer getRenderer() {
            return renderer;
        }

        /** Shows {@code value} as a new output of the running cell; returns its display id. */
        public String display(Object value) {
            return Notebook.display(value);
        }
    }
}
