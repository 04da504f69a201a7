package ai.lepton.train.network;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.lepton.data.batch.EpochBatches;

/**
 * What the trainer drives for one run: the model whose block it trains, the batches, and the input shapes it initializes
 * with. Usually the run's network itself; for a frozen text encoder, only its head over texts encoded once
 * ({@link FrozenEncoder}), while the run's network, which shares that head, is what the run produces (the same head is
 * what a fine-tuned text encoder's probe stage trains, {@link Network#headProbe}).
 *
 * @param model       the model the trainer trains
 * @param training    the training batches, shuffled per epoch
 * @param validation  the validation batches; null without validation rows
 * @param inputShapes the shapes of one row's input arrays
 * @param truncation  "N of M training texts", when max_length cut any; null otherwise
 * @param owned       a model made for this run only (the head over encoded texts), closed with it; null when none
 */
public record Trainable(
        Model model,
        EpochBatches training,
        EpochBatches validation,
        Shape[] inputShapes,
        String truncation,
        Model owned)
        implements AutoCloseable {

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
