package ai.lepton.runtime;

import ai.lepton.runtime.artifact.Artifact;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.text.TextTokenizer;

/** A text model's tokenizer as its artifact carries it ({@code tokenizer.json}), cutting at the length training did. */
final class ArtifactTokenizer {

    private ArtifactTokenizer() {}

    static TextTokenizer open(Artifact artifact, Architecture architecture) {
        if (!artifact.has(ArtifactLayout.TOKENIZER)) {
            throw new ArtifactException(artifact.source() + " holds a text model but no " + ArtifactLayout.TOKENIZER
                    + ". The artifact is inconsistent; promote the run again.");
        }
        try {
            return TextTokenizer.open(
                    artifact.path(ArtifactLayout.TOKENIZER),
                    architecture.encoder().maxLength());
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(
                    artifact.source() + ": entry " + ArtifactLayout.TOKENIZER + " cannot be read: " + e.getMessage(),
                    e);
        }
    }
}
