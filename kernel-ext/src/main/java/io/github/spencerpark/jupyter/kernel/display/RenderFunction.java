package io.github.spencerpark.jupyter.kernel.display;

/** How an IJava notebook renders one of its types: it puts the MIME types asked for into {@code context}. */
@FunctionalInterface
public interface RenderFunction<T> {

    void render(T value, RenderContext context);
}
