package ai.lepton.train.network;

import ai.djl.MalformedModelException;
import ai.djl.Model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a network's weights go into a checkpoint folder and come back: DJL's parameter file for the families that train
 * every weight ({@link #whole}), or named tensors of only the weights that train for a fine-tuned text model
 * ({@link NamedWeights}), whose frozen pretrained weights come from the pretrained model again.
 */
public interface NetworkWeights {

    /** The file in a checkpoint folder that holds the weights, which a run records as its artifact. */
    String file();

    void save(Path folder) throws IOException;

    /** Loads the weights saved in {@code folder} into the network, in place of the ones it has. */
    void load(Path folder) throws IOException;

    /** Every parameter of {@code model}, in DJL's {@code model-0000.params}. */
    static NetworkWeights whole(Model model) {
        return new NetworkWeights() {
            @Override
            public String file() {
                return "model-0000.params";
            }

            @Override
            public void save(Path folder) throws IOException {
                model.save(folder, "model");
            }

            @Override
            public void load(Path folder) throws IOException {
                try {
                    model.load(folder, "model");
                } catch (MalformedModelException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }
}
