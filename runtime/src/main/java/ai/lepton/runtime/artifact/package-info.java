/**
 * The artifact format: its entries ({@link ai.lepton.runtime.artifact.ArtifactLayout}), the checksum list and Ed25519
 * signature, the writer promotion uses, and the reader that verifies every byte before anything is parsed, reading no
 * more than {@link ai.lepton.runtime.artifact.ArtifactLimits} allow (entry count, each entry's size, the total). What
 * it verified is unpacked ({@link ai.lepton.runtime.artifact.Artifact}); its JSON entries are read with their types
 * checked ({@link ai.lepton.runtime.artifact.JsonEntry}, the {@link ai.lepton.runtime.artifact.Manifest}), so a damaged
 * entry is named with its field.
 */
package ai.lepton.runtime.artifact;
