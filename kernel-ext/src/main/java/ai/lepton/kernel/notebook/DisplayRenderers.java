package ai.lepton.kernel.notebook;

import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * Renderers a library adds for its own types, so that {@code display(obj)} and a cell's last value show them well. The
 * session finds implementations with {@link java.util.ServiceLoader} ({@code META-INF/services}); the kernel itself knows
 * only images and text.
 */
public interface DisplayRenderers {

    /** Registers this library's renderers, as jjava's {@code renderer.createRegistration(Type.class)...register(...)}. */
    void registerInto(Renderer renderer);
}
