/**
 * Pretrained models as Hugging Face users know them: {@link ai.lepton.train.pretrained.HuggingFaceFolder}s
 * ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}) read into Lepton's encoder, and Lepton's {@link ai.lepton.train.pretrained.ModelCatalog} of models it ships offline, made once
 * from their ONNX export (read with a small Protocol Buffers reader, no ONNX library).
 */
package ai.lepton.train.pretrained;
