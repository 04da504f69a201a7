package ai.lepton.train;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.lepton.runtime.model.Architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Lets DJL's {@code Criteria} load a Lepton model from any location (folder, archive, URL): once DJL has
 * the files, this rebuilds the network from the {@code architecture.json} beside the parameters.
 */
public final class ArchitectureBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        Path file = modelPath.resolve(Architecture.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + Architecture.FILE + " in " + modelPath
                    + ": not a Lepton model (it needs the architecture" + " beside the .params file)");
        }
        return Architecture.fromJson(Files.readString(file)).newBlock();
    }
}
