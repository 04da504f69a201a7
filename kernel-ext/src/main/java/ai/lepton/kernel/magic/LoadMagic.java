package ai.lepton.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %load FILE}: runs a .jsh/.jshell/.java file, or the code cells of a notebook (.ipynb),
 * as if typed into the cell.
 */
public final class LoadMagic {

    /** Tried in this order for a name without its extension, as IJava's notebooks write it ({@code %load ../utils/djl-imports}). */
    private static final List<String> EXTENSIONS = List.of(".ipynb", ".jsh", ".jshell", ".java");

    private LoadMagic() {}

    static void register(KernelMagics.Registrar magics) {
        magics.line("load", LoadMagic::load);
    }

    private static Object load(MagicKernel kernel, List<String> args) throws Exception {
        if (args.size() != 1) {
            throw new MagicException(
                    "%load takes one file, for example: %load helpers.jsh (or a .java or .ipynb file)");
        }
        Path named = kernel.workingDirectory().resolve(args.getFirst());
        Path file = Stream.concat(
                        Stream.of(named),
                        EXTENSIONS.stream().map(extension -> named.resolveSibling(named.getFileName() + extension)))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new MagicException("%load: no file " + args.getFirst() + " (looked for "
                        + named.toAbsolutePath() + ", also with " + String.join(", ", EXTENSIONS)
                        + "). Check the path; relative paths start at the notebook's folder."));
        String text = Files.readString(file);
        if (file.getFileName().toString().endsWith(".ipynb")) {
            Object result = null;
            for (String cell : codeCells(file, text)) {
                result = kernel.evalCell(cell);
            }
            return result;
        }
        return kernel.evalCell(text);
    }

    static List<String> codeCells(Path file, String json) throws IOException {
        try {
            JsonArray cells = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells");
            List<String> code = new ArrayList<>();
            for (JsonElement element : cells) {
                JsonObject cell = element.getAsJsonObject();
                if ("code".equals(cell.get("cell_type").getAsString())) {
                    JsonElement source = cell.get("source");
                    code.add(
                            source.isJsonArray()
                                    ? String.join(
                                            "",
                                            source.getAsJsonArray().asList().stream()
                                                    .map(JsonElement::getAsString)
                                                    .toList())
                                    : source.getAsString());
                }
            }
            return code;
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new MagicException(
                    "%load: " + file + " is not a readable notebook (expected Jupyter's JSON with a \"cells\" list).");
        }
    }
}
