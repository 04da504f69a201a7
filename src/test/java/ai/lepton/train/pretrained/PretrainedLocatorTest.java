package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * {@code pretrained:} found offline as Python users expect: paths, the Hugging Face cache, the shipped catalog (URLs:
 * {@link PretrainedUrlTest}).
 */
@ExtendWith(IsolatedHome.class)
class PretrainedLocatorTest {

    private Path cache;

    @BeforeEach
    void emptyCache() throws IOException {
        cache = Files.createDirectories(Settings.HOME.get().resolve("hf-cache-" + System.nanoTime()));
        System.setProperty(Settings.HF_HUB_CACHE.property(), cache.toString());
    }

    @AfterEach
    void noCache() {
        System.clearProperty(Settings.HF_HUB_CACHE.property());
    }

    /**
     * Lays {@code hubId} out as huggingface_hub does: files in blobs/ named by hash, each snapshot a folder of links to
     * them, refs/main naming the current snapshot.
     */
    private Path cached(String hubId, String revision, boolean main) throws IOException {
        Path model = cache.resolve("models--" + hubId.replace("/", "--"));
        Path source = TinyBert.write(Files.createTempDirectory(Settings.HOME.get(), "tiny-"));
        Path snapshot = Files.createDirectories(model.resolve("snapshots").resolve(revision));
        for (String file :
                new String[] {HuggingFaceFolder.CONFIG, HuggingFaceFolder.WEIGHTS, HuggingFaceFolder.TOKENIZER}) {
            Path blob = Files.createDirectories(model.resolve("blobs")).resolve(revision + "-" + file.hashCode());
            Files.move(source.resolve(file), blob);
            Files.createSymbolicLink(snapshot.resolve(file), snapshot.relativize(blob));
        }
        if (main) {
            Files.createDirectories(model.resolve("refs"));
            Files.writeString(model.resolve("refs").resolve("main"), revision);
        }
        return snapshot;
    }

    @Test
    void aHubIdIsFoundInTheHuggingFaceCacheAtTheRevisionMainNames() throws IOException {
        Path current = cached("acme/tiny-bert", "c0ffee", true);
        Path newer = cached("acme/tiny-bert", "beef01", false);
        Files.setLastModifiedTime(newer, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        PretrainedModel found = PretrainedLocator.resolve("acme/tiny-bert");
        PretrainedModel.HuggingFace model = assertInstanceOf(PretrainedModel.HuggingFace.class, found);
        assertEquals(current, model.folder().folder());
        assertEquals(TinyBert.CONFIG, model.folder().config());
        assertTrue(model.foundAt().startsWith("the Hugging Face cache"), model.foundAt());

        Files.delete(cache.resolve("models--acme--tiny-bert").resolve("refs").resolve("main"));
        assertEquals(
                newer,
                ((PretrainedModel.HuggingFace) PretrainedLocator.resolve("acme/tiny-bert"))
                        .folder()
                        .folder(),
                "without refs/main, the newest snapshot");
        assertTrue(PretrainedLocator.offline().stream().anyMatch(f -> f.hubId().equals("acme/tiny-bert")));
    }

    @Test
    void theShippedModelIsFoundByItsHubIdAndAFolderByItsPath() throws IOException {
        PretrainedModel shipped = PretrainedLocator.resolve("sentence-transformers/all-MiniLM-L6-v2");
        assertEquals("Lepton's catalog", shipped.foundAt());
        Path folder = TinyBert.write(Settings.HOME.get().resolve("my-model"));
        assertInstanceOf(PretrainedModel.HuggingFace.class, PretrainedLocator.resolve(folder.toString()));
        assertInstanceOf(
                PretrainedModel.TorchScript.class,
                PretrainedLocator.resolve(Path.of("..", "models", "digits-mlp-torchscript", "backbone.pt")
                        .toString()));
        assertInstanceOf(
                PretrainedModel.Lepton.class,
                PretrainedLocator.resolve(
                        Path.of("..", "models", "digits-cnn-0to4").toString()));
    }

    @Test
    void aPathWithAHashOrAQuestionMarkIsTakenAsItIsAndOnlyAUrlHasAQueryOrFragment() throws IOException {
        Path run = Files.createDirectories(Settings.HOME.get().resolve("run#3"));
        Path module =
                Files.copy(Path.of("..", "models", "digits-mlp-torchscript", "backbone.pt"), run.resolve("best#3.pt"));
        assertInstanceOf(PretrainedModel.TorchScript.class, PretrainedLocator.resolve(module.toString()));
        assertTrue(PretrainedLocator.namesTorchScript("/data/run#3/model.pt"), "as a run's lineage records it");
        assertTrue(PretrainedLocator.namesTorchScript("/data/what?/model.pt"));
        assertFalse(PretrainedLocator.namesTorchScript("/data/model.pt#old"), "a path is what it says");
        assertTrue(PretrainedLocator.namesTorchScript("https://host/m.pt?download=1#sha256=" + "0".repeat(64)));
        assertFalse(PretrainedLocator.namesTorchScript("https://host/m.zip?name=x.pt"));
    }

    @Test
    void anUnknownIdSaysWhereLeptonLooked() {
        PretrainedException error =
                assertThrows(PretrainedException.class, () -> PretrainedLocator.resolve("acme/not-here"));
        assertTrue(error.getMessage().contains("no model 'acme/not-here' is here"), error.getMessage());
        assertTrue(error.getMessage().contains("Hugging Face cache " + cache), error.getMessage());
        assertTrue(error.getMessage().contains("sentence-transformers/all-MiniLM-L6-v2"), error.getMessage());
    }

    @Test
    void aBrokenFolderIsRefusedNamingWhatIsWrong() throws IOException {
        Path noTokenizer = TinyBert.write(Settings.HOME.get().resolve("no-tokenizer"));
        Files.delete(noTokenizer.resolve(HuggingFaceFolder.TOKENIZER));
        assertMessage(noTokenizer, "has no tokenizer.json");

        Path roberta = TinyBert.write(Settings.HOME.get().resolve("roberta"));
        Files.writeString(
                roberta.resolve(HuggingFaceFolder.CONFIG),
                Files.readString(roberta.resolve(HuggingFaceFolder.CONFIG)).replace("\"bert\"", "\"roberta\""));
        assertMessage(roberta, "model_type 'roberta' is not one Lepton builds; it builds bert");

        Path empty = Files.createDirectories(Settings.HOME.get().resolve("empty"));
        assertMessage(empty, "holds no model");
    }

    private static void assertMessage(Path folder, String expected) {
        PretrainedException error =
                assertThrows(PretrainedException.class, () -> PretrainedLocator.resolve(folder.toString()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
