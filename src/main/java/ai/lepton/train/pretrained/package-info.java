/**
 * Pretrained models as Hugging Face users know them: {@link ai.lepton.train.pretrained.HuggingFaceFolder}s
 * ({@code config.json}, {@code model.safetensors} or its shards, {@code tokenizer.json}) read into Lepton's encoder, and
 * Lepton's {@link ai.lepton.train.pretrained.ModelCatalog} of models it ships offline, made once from their ONNX export
 * (read with a small Protocol Buffers reader, no ONNX library). Every file is untrusted: the weights' headers are checked
 * and config.json held to them ({@link ai.lepton.train.pretrained.BertShapes}) before anything is built, and the ONNX
 * reader checks every length and nesting level, so a damaged file is refused with a message, not a crash. {@link
 * ai.lepton.train.pretrained.PretrainedLocator} finds what {@code pretrained:} names; of its values only a URL is
 * downloaded (through {@code ai.lepton.train.download}, bounded, kept under {@code LEPTON_HOME/downloads}).
 */
package ai.lepton.train.pretrained;
