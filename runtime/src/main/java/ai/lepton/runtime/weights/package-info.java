/**
 * Weights by name, as files: {@link ai.lepton.runtime.weights.SafeTensors} (Hugging Face's format, read by training for
 * pretrained models and by the runtime for compressed artifacts) and {@link ai.lepton.runtime.weights.Quantization}, which
 * stores a network's weights as int8 with per-row scales or as half floats and restores them at load.
 */
package ai.lepton.runtime.weights;
