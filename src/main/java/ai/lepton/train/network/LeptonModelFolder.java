package ai.lepton.train.network;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.lepton.base.ByteSize;
import ai.lepton.runtime.artifact.TemporaryFolder;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.weights.ParameterFile;
import ai.lepton.train.TrainingException;
import ai.lepton.train.pretrained.ModelArchive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a pretrained Lepton model: a folder holding {@code model-0000.params} and {@code architecture.json}, or an
 * archive of one (a URL's is fetched by Lepton first). Both files are untrusted: an archive is unpacked with bounds into
 * a private temporary folder ({@link ModelArchive}), the network is built from the architecture, and the parameters are
 * checked against it before DJL reads them ({@link ParameterFile}), so a crafted file is refused with a message before
 * it can make DJL reserve what its lengths claim.
 */
final class LeptonModelFolder {

    /** The model's property that holds its architecture: the folder it was read from may be gone (an archive's). */
    private static final String ARCHITECTURE = "lepton.architecture";

    private LeptonModelFolder() {}

    static ZooModel<NDList, NDList> load(Path location, Device device) {
        if (!Files.exists(location)) {
            throw new TrainingException(
                    "pretrained: no model at " + location.toAbsolutePath() + ". Give a folder holding"
                            + " model-0000.params and architecture.json (such as models/digits-cnn-0to4), an archive of one,"
                            + " or a URL of an archive.");
        }
        if (Files.isDirectory(location)) {
            return loadFolder(location, location.toString(), device);
        }
        if (!ModelArchive.names(location)) {
            throw new TrainingException("pretrained: " + location + " is neither a folder nor an archive (.zip, .tar,"
                    + " .tar.gz, .tgz) of a Lepton model. Give the folder holding model-0000.params and"
                    + " architecture.json, or an archive of it.");
        }
        return TemporaryFolder.with("lepton-pretrained-", folder -> {
            ModelArchive.unpack(location, folder);
            return loadFolder(folder, "the archive " + location, device); // loaded into memory: the folder may go
        });
    }

    /** The model in {@code folder}; {@code where} names it in messages. */
    private static ZooModel<NDList, NDList> loadFolder(Path folder, String where, Device device) {
        Architecture architecture = architecture(folder, where);
        Path parameters = folder.resolve(ModelArchive.PARAMETERS);
        if (!Files.isRegularFile(parameters)) {
            throw new TrainingException("pretrained: " + where + " has no " + ModelArchive.PARAMETERS
                    + ". A Lepton model is that file and " + Architecture.FILE + ", as a run's checkpoint holds them.");
        }
        Model model = Model.newInstance("pretrained", device, "PyTorch");
        try {
            model.setBlock(architecture.newBlock());
            ParameterFile.of(architecture.newBlock(), architecture.inputShapes(1))
                    .load(model, parameters, "pretrained: " + ModelArchive.PARAMETERS + " of " + where);
            model.setProperty(ARCHITECTURE, architecture.toJson());
            return new ZooModel<>(model, new NoopTranslator());
        } catch (MalformedModelException e) {
            model.close();
            throw new TrainingException(
                    e.getMessage() + " The parameters do not match its " + Architecture.FILE + " ("
                            + architecture + "), or are incomplete or corrupt: use the " + ModelArchive.PARAMETERS
                            + " saved with that " + Architecture.FILE + ", or copy the model again.",
                    e);
        } catch (IOException e) {
            model.close();
            throw new TrainingException(
                    "pretrained: cannot read " + ModelArchive.PARAMETERS + " of " + where + ": " + e.getMessage() + ".",
                    e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Architecture architecture(Path folder, String where) {
        Path file = folder.resolve(Architecture.FILE);
        if (!Files.isRegularFile(file)) {
            throw new TrainingException("pretrained: " + where + " has no " + Architecture.FILE + ": it is not a Lepton"
                    + " model, which needs the architecture beside its " + ModelArchive.PARAMETERS + ".");
        }
        try {
            if (Files.size(file) > ModelArchive.MAX_ARCHITECTURE_BYTES) {
                throw new TrainingException("pretrained: the " + Architecture.FILE + " of " + where + " holds "
                        + ByteSize.text(Files.size(file)) + ", and an architecture is a few hundred bytes (at most "
                        + ByteSize.text(ModelArchive.MAX_ARCHITECTURE_BYTES) + "). Use the one saved with the model.");
            }
            return Architecture.fromJson(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingException(
                    "pretrained: the " + Architecture.FILE + " of " + where + " is not one Lepton" + " can read ("
                            + e.getMessage() + "). Use the one saved with the model.",
                    e);
        }
    }

    /** The architecture of a model {@link #load} loaded. */
    static Architecture architecture(ZooModel<NDList, NDList> model) {
        return Architecture.fromJson(model.getProperty(ARCHITECTURE));
    }
}
