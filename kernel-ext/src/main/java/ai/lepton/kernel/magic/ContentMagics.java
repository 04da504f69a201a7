package ai.lepton.kernel.magic;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.function.BiConsumer;

/** {@code %%html}, {@code %%markdown} and {@code %%svg}: show the cell's body as that content. */
public final class ContentMagics {

    private ContentMagics() {}

    static void register(KernelMagics.Registrar magics) {
        magics.cell("html", (kernel, args, body) -> with(body, DisplayData::putHTML));
        magics.cell("markdown", (kernel, args, body) -> with(body, DisplayData::putMarkdown));
        magics.cell("svg", (kernel, args, body) -> {
            if (!body.contains("<svg")) {
                throw new MagicException(
                        "%%svg: the cell has no <svg> element. Put the SVG markup below the %%svg line.");
            }
            return with(body, DisplayData::putSVG);
        });
    }

    private static DisplayData with(String body, BiConsumer<DisplayData, String> put) {
        DisplayData data = new DisplayData(body);
        put.accept(data, body);
        return data;
    }
}
