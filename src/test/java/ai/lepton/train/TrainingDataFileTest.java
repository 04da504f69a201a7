package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.TextColumn;
import ai.lepton.track.Lineage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class TrainingDataFileTest {

    @TempDir
    Path dir;

    @Test
    void aSweepsDataComesBackWholeInAnotherJvmsHands() throws Exception {
        FeatureMatrix train = new FeatureMatrix(
                new float[] {1, 2, 3, 4, 5, 6},
                new float[] {0, 1, 1},
                3,
                List.of("a", "b"),
                List.of(new TextColumn("note", new String[] {"é", "x".repeat(70_000), ""})));
        FeatureMatrix validation = new FeatureMatrix(new float[] {7, 8}, new float[] {0}, 1, List.of("a", "b"));
        TrainingData data = new TrainingData(
                train, validation, Task.CLASSIFICATION, List.of("no", "yes"), new long[] {2}, "synthetic rows");
        Path file = dir.resolve("data.bin");
        TrainingDataFile.write(data, file);

        TrainingData back = TrainingDataFile.read(file);
        assertEquals(Task.CLASSIFICATION, back.task());
        assertEquals(List.of("no", "yes"), back.labels());
        assertArrayEquals(new long[] {2}, back.rowShape());
        assertArrayEquals(train.features(), back.train().features());
        assertArrayEquals(train.labels(), back.train().labels());
        assertEquals(List.of("a", "b"), back.train().names());
        assertArrayEquals(
                train.texts().getFirst().values(),
                back.train().texts().getFirst().values());
        assertArrayEquals(validation.features(), back.validation().features());
        assertEquals(data.lineage().toJson(), back.lineage().toJson(), "the trials record the same lineage");
        assertEquals(
                Lineage.fromJson(data.lineage().toJson()).toJson(),
                back.lineage().toJson());
    }

    @Test
    void aFileOfSomethingElseIsRefusedSayingWhatToDo() throws Exception {
        Path file = dir.resolve("other.bin");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        TrainingException refused = assertThrows(TrainingException.class, () -> TrainingDataFile.read(file));
        assertTrue(refused.getMessage().contains("run the sweep again"), refused.getMessage());
    }
}
