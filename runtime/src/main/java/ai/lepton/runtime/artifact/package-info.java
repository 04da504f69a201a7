/**
 * The artifact format: its entries ({@link ai.lepton.runtime.artifact.ArtifactLayout}), the checksum list and
 * Ed25519 signature, the writer promotion uses and the reader that verifies every byte before anything is parsed.
 */
package ai.lepton.runtime.artifact;
