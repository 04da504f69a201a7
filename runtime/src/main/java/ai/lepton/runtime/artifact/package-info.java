/**
 * The artifact format: its entries ({@link ai.lepton.runtime.artifact.ArtifactLayout}), the checksum list and Ed25519
 * signature, the writer promotion uses, and the reader that verifies every byte before anything is parsed, reading no
 * more than {@link ai.lepton.runtime.artifact.ArtifactLimits} allow (entry count and directory size from the zip's end
 * record, each entry's size, the entries besides the weights, the total, how far an unsigned entry may inflate, the
 * temporary folder's room), and that can require the whole file's SHA-256 as a registry recorded it
 * ({@link ai.lepton.runtime.artifact.ArtifactChangedException}). What it verified is unpacked into a temporary folder
 * ({@link ai.lepton.runtime.artifact.Artifact}, {@link ai.lepton.runtime.artifact.TemporaryFolder}) that lives only
 * while the model loads; its JSON entries are read with their types checked
 * ({@link ai.lepton.runtime.artifact.JsonEntry}), so a damaged entry is named with its field. The manifest is a typed
 * value ({@link ai.lepton.runtime.artifact.Manifest}: source run, metrics, parameters, lineage, environment, engine,
 * compression, dependencies) with one JSON codec ({@link ai.lepton.runtime.artifact.ManifestJson}) that promotion
 * writes with and the runtime reads with, tolerant of manifests older Lepton versions wrote.
 */
package ai.lepton.runtime.artifact;
