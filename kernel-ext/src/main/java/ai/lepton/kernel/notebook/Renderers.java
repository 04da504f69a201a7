package ai.lepton.kernel.notebook;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;

import java.util.ServiceLoader;

/** The session's renderer: jjava's defaults and images, then what every {@link DisplayRenderers} on the classpath adds. */
public final class Renderers {

    private Renderers() {}

    public static Renderer standard() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        ServiceLoader.load(DisplayRenderers.class).forEach(extension -> extension.registerInto(renderer));
        return renderer;
    }
}
