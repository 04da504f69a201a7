package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.function.Supplier;

/** IJava's render context: which MIME types were asked for, and where a rendering puts its data (jjava's, wrapped). */
public final class RenderContext {

    private final org.dflib.jjava.jupyter.kernel.display.RenderContext context;

    RenderContext(org.dflib.jjava.jupyter.kernel.display.RenderContext context) {
        this.context = context;
    }

    /** Whether {@code type} was asked for. */
    public boolean wantsDataRenderedAs(MIMEType type) {
        return context.wantsDataRenderedAs(Renderer.jjava(type));
    }

    /** Puts what {@code data} supplies as {@code type} when that type was asked for; says whether it was. */
    public boolean renderIfRequested(MIMEType type, Supplier<Object> data) {
        return context.renderIfRequested(Renderer.jjava(type), data);
    }
}
