package ai.lepton.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.lepton.base.Settings;
import ai.lepton.fuzz.MemoryUse;
import ai.lepton.runtime.SavedNetwork;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.train.TrainingException;
import ai.lepton.train.pretrained.DigitsArchive;
import ai.lepton.train.pretrained.ModelArchive;
import ai.lepton.train.pretrained.PretrainedException;
import ai.lepton.train.pretrained.TarBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A pretrained Lepton model is read as untrusted files: an archive is unpacked by Lepton within its caps (never by DJL,
 * which would inflate whatever it holds), and the parameters are checked against the architecture before DJL reads
 * them, so lengths that lie cost nothing.
 */
class PretrainedLoadingTest {

    /** What refusing a crafted file may cost: far below the gibibytes it claims. */
    private static final long AFFORDABLE = 64L << 20;

    @TempDir
    Path folder;

    @AfterEach
    void defaultLimit() {
        System.clearProperty(Settings.MAX_WEIGHTS.property());
    }

    @Test
    void parametersWhoseFirstArrayClaimsTwoGibibytesAreRefusedBeforeAnythingIsReserved() throws IOException {
        byte[] parameters = SavedNetwork.bytes();
        int length = SavedNetwork.firstArrayLength(parameters, 4 * 5 * Float.BYTES); // the first layer: 4 × 5 floats
        ByteBuffer.wrap(parameters).putInt(length, Integer.MAX_VALUE);
        Path model = Files.createDirectories(folder.resolve("crafted"));
        Files.write(model.resolve(ModelArchive.PARAMETERS), parameters);
        Files.writeString(model.resolve(Architecture.FILE), SavedNetwork.MLP.toJson());

        long heap = MemoryUse.allocatedByThisThread();
        long direct = MemoryUse.directBuffers();
        TrainingException error =
                assertThrows(TrainingException.class, () -> LeptonModelFolder.load(model, Device.cpu()));
        heap = MemoryUse.allocatedByThisThread() - heap;
        direct = MemoryUse.directBuffers() - direct;
        assertTrue(
                error.getMessage().startsWith("pretrained: model-0000.params of " + model + ", parameter"),
                error.getMessage());
        assertTrue(
                error.getMessage()
                        .contains("its array says 2147483647 bytes of values, and its shape (4, 5) of"
                                + " float32 takes 80. The parameters do not match its architecture.json"),
                error.getMessage());
        assertTrue(heap < AFFORDABLE, "refusing it allocated " + heap + " bytes");
        assertTrue(direct < AFFORDABLE, "refusing it reserved " + direct + " bytes of direct buffers");
    }

    @Test
    void aZipBombIsRefusedByTheArchiveCapsInsteadOfBeingUnpacked() throws IOException {
        System.setProperty(Settings.MAX_WEIGHTS.property(), "1m");
        Path bomb = folder.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.setLevel(Deflater.BEST_SPEED);
            out.putNextEntry(new ZipEntry("architecture.json"));
            out.write(SavedNetwork.MLP.toJson().getBytes());
            out.putNextEntry(new ZipEntry(ModelArchive.PARAMETERS));
            out.write(new byte[64 << 20]);
        }
        long heap = MemoryUse.allocatedByThisThread();
        PretrainedException error =
                assertThrows(PretrainedException.class, () -> LeptonModelFolder.load(bomb, Device.cpu()));
        heap = MemoryUse.allocatedByThisThread() - heap;
        assertTrue(
                error.getMessage()
                        .contains("has an entry model-0000.params of 64 MiB, more than the 1 MiB a model's"
                                + " parameters may take (LEPTON_MAX_WEIGHTS"),
                error.getMessage());
        assertTrue(heap < AFFORDABLE, "refusing the bomb allocated " + heap + " bytes");
    }

    @Test
    void aTarWhoseEntryLeavesItsFolderIsRefused() throws IOException {
        Path tar = Files.write(
                folder.resolve("escaping.tar.gz"),
                TarBytes.gzipped()
                        .file("model/../../planted.txt", "planted".getBytes())
                        .bytes());
        PretrainedException error =
                assertThrows(PretrainedException.class, () -> LeptonModelFolder.load(tar, Device.cpu()));
        assertTrue(
                error.getMessage()
                        .contains("has an entry 'model/../../planted.txt', which is a path that leaves the"
                                + " archive's folder ('..')"),
                error.getMessage());
    }

    @Test
    void aTarGzOfAModelLoadsAsItsFolderDoes() throws IOException {
        TarBytes tar = TarBytes.gzipped().folder("./digits/");
        for (String name : List.of(ModelArchive.PARAMETERS, Architecture.FILE)) {
            tar.file("./digits/" + name, Files.readAllBytes(DigitsArchive.FOLDER.resolve(name)));
        }
        Path tgz = Files.write(folder.resolve("digits.tgz"), tar.bytes());
        try (var model = LeptonModelFolder.load(tgz, Device.cpu())) {
            assertEquals(
                    Architecture.fromJson(Files.readString(DigitsArchive.FOLDER.resolve(Architecture.FILE))),
                    LeptonModelFolder.architecture(model),
                    "read while loading: the unpacked folder is gone");
            assertTrue(model.getBlock().isInitialized());
        }
    }
}
