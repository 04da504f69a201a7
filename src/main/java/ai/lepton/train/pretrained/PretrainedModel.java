package ai.lepton.train.pretrained;

import java.nio.file.Path;

/**
 * What {@code pretrained:} names, once found on this machine (a URL once fetched): a Lepton model, a Hugging Face model,
 * or a TorchScript module.
 */
public sealed interface PretrainedModel {

    /** The {@code pretrained:} value as the user wrote it. */
    String reference();

    /** Where it was found, for the run's record and messages. */
    String foundAt();

    /**
     * A Lepton model folder or archive ({@code model-0000.params} + {@code architecture.json}), loaded through DJL.
     *
     * @param location the folder or archive (a URL's, once fetched)
     */
    record Lepton(String reference, Path location) implements PretrainedModel {
        @Override
        public String foundAt() {
            return location.toString();
        }
    }

    /**
     * A Hugging Face model folder: in the Hugging Face cache, Lepton's catalog of shipped models, or a folder given.
     *
     * @param folder  the folder with config.json, model.safetensors and tokenizer.json
     * @param foundAt where it was found: "the Hugging Face cache (...)", "Lepton's catalog", the folder
     */
    record HuggingFace(String reference, HuggingFaceFolder folder, String foundAt) implements PretrainedModel {}

    /**
     * A TorchScript module ({@code torch.jit.trace} or {@code torch.jit.script}, saved with {@code .save}) used as a
     * trainable backbone.
     */
    record TorchScript(String reference, Path file) implements PretrainedModel {
        @Override
        public String foundAt() {
            return file.toString();
        }
    }
}
