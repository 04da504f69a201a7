package ai.lepton.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.lepton.runtime.model.Architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads a pretrained Lepton model through DJL's {@code Criteria}: a folder or archive on disk (a URL's is fetched by
 * Lepton first, so DJL never reads the network). The folder holds {@code model-0000.params} and
 * {@code architecture.json}; {@link ArchitectureBlockFactory} rebuilds the network before DJL loads the parameters into
 * it.
 */
final class Pretrained {

    private Pretrained() {}

    static ZooModel<NDList, NDList> load(Path location, Device device) {
        if (!Files.exists(location)) {
            throw new TrainingException(
                    "pretrained: no model at " + location.toAbsolutePath() + ". Give a folder holding"
                            + " model-0000.params and architecture.json (such as models/digits-cnn-0to4), an archive of one,"
                            + " or a URL of an archive.");
        }
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("PyTorch")
                .optDevice(device)
                .optModelName("model")
                .optArgument("blockFactory", ArchitectureBlockFactory.class.getName())
                .optModelPath(location);
        try {
            ZooModel<NDList, NDList> model = criteria.build().loadModel();
            try {
                checkShapes(model, location);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        } catch (TrainingException e) {
            throw e;
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new TrainingException(
                    "pretrained: cannot load the model at " + location + ": " + reason(e)
                            + ". Is it a Lepton model (model-0000.params + architecture.json) that is complete and matches its architecture?",
                    e);
        }
    }

    /**
     * DJL takes parameter shapes from the .params file; a file written for another architecture would load
     * and only fail later, deep in training. Compares every shape with what architecture.json builds.
     */
    private static void checkShapes(ZooModel<NDList, NDList> model, Path location) {
        Architecture architecture = architecture(model);
        Block expected = architecture.newBlock();
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            expected.initialize(scratch, DataType.FLOAT32, architecture.inputShape(1));
            Map<String, Shape> wanted = new HashMap<>();
            expected.getParameters()
                    .forEach(pair ->
                            wanted.put(pair.getKey(), pair.getValue().getArray().getShape()));
            for (var pair : model.getBlock().getParameters()) {
                Shape found = pair.getValue().isInitialized()
                        ? pair.getValue().getArray().getShape()
                        : null;
                if (found == null) {
                    throw new TrainingException(
                            "pretrained: the parameters at " + location + " are incomplete or corrupt: " + pair.getKey()
                                    + " has no values. Copy the model-0000.params file again.");
                }
                if (!found.equals(wanted.get(pair.getKey()))) {
                    throw new TrainingException("pretrained: the parameters at " + location + " do not match its "
                            + Architecture.FILE + " (" + architecture + "): " + pair.getKey() + " has shape " + found
                            + ", the architecture needs " + wanted.get(pair.getKey())
                            + ". Use the architecture.json written with"
                            + " these parameters.");
                }
            }
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
            throw new TrainingException(
                    "pretrained: " + model.getModelPath() + " has no readable " + Architecture.FILE + ".", e);
        }
    }
}
