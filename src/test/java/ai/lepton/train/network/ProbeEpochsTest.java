package ai.lepton.train.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.data.batch.EpochBatches;
import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ProbeEpochsTest {

    /** Shuffled batches of 64 over {@code rows} rows whose single feature is the row number. */
    private static EpochBatches numbered(int rows) {
        float[] features = new float[rows];
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            features[i] = i;
            labels[i] = i % 8;
        }
        return BatchDataset.builder(new FeatureMatrix(features, labels, rows, List.of("row")), Task.CLASSIFICATION)
                .optBatchSize(64)
                .optShuffle(7)
                .build();
    }

    /** The rows, in order, that {@code epoch} of {@code batches} gives. */
    private static List<Float> rows(EpochBatches batches, int epoch) {
        List<Float> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : batches.epochData(manager, epoch)) {
                try (batch) {
                    for (float row : batch.getData().head().toFloatArray()) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void aProbeOfFewBatchesPassesOverItsVectorsUntilTheRunHasAThousandUpdates() {
        // the run: 192 texts in batches of 64 for 4 epochs were 12 updates
        ProbeEpochs epochs = ProbeEpochs.of(numbered(192), TrainOptions.parse("epochs: 4"));
        assertEquals(84, epochs.passes(), "84 passes of 3 batches an epoch, 4 epochs: 1,008 updates");
        assertEquals(252, epochs.batchCount());
        assertEquals(252 * 64, rows(epochs, 0).size());
    }

    @Test
    void aProbeWhoseEpochsGiveAThousandUpdatesKeepsOnePassAnEpoch() {
        assertEquals(
                1,
                ProbeEpochs.of(numbered(3200), TrainOptions.parse("epochs: 20")).passes());
        assertEquals(
                4,
                ProbeEpochs.of(numbered(3200), TrainOptions.parse("epochs: 20\naccumulate: 4"))
                        .passes(),
                "accumulated batches are one update");
    }

    @Test
    void eachPassIsTheVectorsShuffledAsItsOwnEpochSoAResumedRunRepeatsIt() {
        EpochBatches pass = numbered(192);
        ProbeEpochs epochs = ProbeEpochs.of(pass, TrainOptions.parse("epochs: 4"));
        List<Float> expected = new ArrayList<>();
        for (int p = 0; p < epochs.passes(); p++) {
            expected.addAll(rows(pass, epochs.passes() + p));
        }
        assertEquals(expected, rows(epochs, 1));
    }
}
