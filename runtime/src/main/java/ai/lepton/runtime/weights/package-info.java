/**
 * Weights by name, as files: {@link ai.lepton.runtime.weights.SafeTensors} (Hugging Face's format, read by training for
 * pretrained models and by the runtime for compressed artifacts), {@link ai.lepton.runtime.weights.Quantization}, which
 * stores a network's weights as int8 with per-row scales or as half floats and restores them at load, and {@link
 * ai.lepton.runtime.weights.ParameterFile}, DJL's own parameter file, checked against the network before DJL reads it,
 * as {@link ai.lepton.runtime.weights.CompressedWeights} checks a compressed network's file before any of its weights
 * take memory.
 * Files are untrusted: {@link ai.lepton.runtime.weights.SafeTensorsFile} checks a header whole before it reads a tensor
 * (no overlapping or stray ranges, no shape that overflows), and reads each tensor on its own, so a file costs the memory
 * of what is taken from it, whatever its size.
 */
package ai.lepton.runtime.weights;
