/**
 * Pretrained models as Hugging Face users know them: {@link ai.lepton.train.pretrained.HuggingFaceFolder}s
 * ({@code config.json}, {@code model.safetensors} or its shards, {@code tokenizer.json}) read into Lepton's encoder, and
 * Lepton's {@link ai.lepton.train.pretrained.ModelCatalog} of models it ships offline, made once from their ONNX export
 * (read with a small Protocol Buffers reader, no ONNX library). The files Lepton reads itself are untrusted, and a
 * damaged or crafted one is refused with a message, not a crash: the weights' headers are checked and config.json held
 * to them ({@link ai.lepton.train.pretrained.BertShapes}) before anything is built; the ONNX reader checks every length
 * and nesting level; a Lepton model archive is unpacked within caps on its entries and their sizes, refusing entries that
 * leave its folder and links ({@link ai.lepton.train.pretrained.ModelArchive}), and its parameters are held to its
 * architecture before DJL reads them (by {@code ai.lepton.train.network.LeptonModelFolder}, with the runtime's {@code ParameterFile}). A
 * {@code tokenizer.json} and a TorchScript module are read by native libraries (Hugging Face's tokenizers, PyTorch) as
 * they are. {@link ai.lepton.train.pretrained.PretrainedLocator} finds what {@code pretrained:} names; of its values only
 * a URL is downloaded (through {@code ai.lepton.train.download}, bounded, kept under {@code LEPTON_HOME/downloads}), and
 * one with credentials is refused before a run records it.
 */
package ai.lepton.train.pretrained;
