package ai.lepton.train.network;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.lepton.data.batch.EpochBatches;
import ai.lepton.train.TrainOptions;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A linear probe's epochs over its cached text vectors. The frozen encoder read each text once ({@link FrozenEncoder}),
 * so a pass of the head over the vectors costs what a linear model's does — and a handful of passes leaves it far from
 * converged: at the default learning rate, Adam needs about a thousand updates to fit a linear head on sentence
 * embeddings (four epochs of 900 texts in batches of 64 are 56). So each epoch of a probe is as many passes over the
 * vectors as give the run at least {@link TrainOptions#PROBE_UPDATES} optimizer updates in all, and one pass when its epochs give that many
 * already; the epochs still say how often the run validates, checkpoints and may stop early. Pass {@code p} of epoch
 * {@code e} is shuffled as epoch {@code e × passes + p} of the vectors, so a resumed run repeats it.
 */
final class ProbeEpochs implements EpochBatches {

    private final EpochBatches pass;
    private final int passes;

    /** Epochs of {@code passes} passes over {@code pass}'s batches. */
    private ProbeEpochs(EpochBatches pass, int passes) {
        this.pass = pass;
        this.passes = passes;
    }

    /** The epochs of a probe that trains as {@code options} say on {@code pass}, one pass's batches of its vectors. */
    static ProbeEpochs of(EpochBatches pass, TrainOptions options) {
        long batchesPerRun = (long) options.epochs() * pass.batchCount();
        long batchesNeeded = (long) TrainOptions.PROBE_UPDATES * options.accumulate();
        return new ProbeEpochs(pass, (int) Math.max(1, Math.ceilDiv(batchesNeeded, batchesPerRun)));
    }

    /** Passes over the vectors per epoch. */
    int passes() {
        return passes;
    }

    @Override
    public int batchCount() {
        return pass.batchCount() * passes;
    }

    @Override
    public Iterable<Batch> epochData(NDManager manager, int epoch) {
        return () -> new Passes(manager, epoch);
    }

    /** One epoch's passes, each begun only when the one before has ended (a pass prefetches its first batch). */
    private final class Passes implements Iterator<Batch> {
        private final NDManager manager;
        private final int epoch;
        private int begun;
        private Iterator<Batch> current = Collections.emptyIterator();

        Passes(NDManager manager, int epoch) {
            this.manager = manager;
            this.epoch = epoch;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && begun < passes) {
                current = pass.epochData(manager, epoch * passes + begun++).iterator();
            }
            return current.hasNext();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
