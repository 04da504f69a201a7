package ai.lepton.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a pretrained Lepton model through DJL's {@code Criteria}: a folder or archive on disk, or a URL
 * (http, https, file, jar) that DJL fetches and caches. The folder holds {@code model-0000.params}
 * and {@code architecture.json}; {@link ArchitectureBlockFactory} rebuilds the network before DJL
 * loads the parameters into it.
 */
final class Pretrained {

    private Pretrained() {
    }

    static ZooModel<NDList, NDList> load(String location, Device device) {
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optEngine("PyTorch")
                .optDevice(device)
                .optModelName("model")
                .optArgument("blockFactory", ArchitectureBlockFactory.class.getName());
        if (location.matches("(?i)(https?|file|jar):.*")) {
            criteria.optModelUrls(location);
        } else {
            Path path = Path.of(location);
            if (!Files.exists(path)) {
                throw new TrainingException("pretrained: no model at " + path.toAbsolutePath() + ". Give a folder holding"
                        + " model-0000.params and architecture.json (such as models/digits-cnn-0to4), an archive of one, or a URL.");
            }
            criteria.optModelPath(path);
        }
        try {
            return criteria.build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new TrainingException("pretrained: cannot load the model at " + location + ": " + reason(e)
                    + ". Is it a Lepton model (model-0000.params + architecture.json) that is complete and matches its architecture?", e);
        }
    }

    private static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root.getMessage() + ")";
    }

    /** The architecture saved beside a loaded model. */
    static Architecture architecture(ZooModel<NDList, NDList> model) {
        try {
            return Architecture.fromJson(Files.readString(model.getModelPath().resolve(Architecture.FILE)));
        } catch (IOException e) {
            throw new TrainingException("pretrained: " + model.getModelPath() + " has no readable " + Architecture.FILE + ".", e);
        }
    }
}
