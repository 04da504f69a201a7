package ai.lepton.train.loop;

import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.lepton.base.Notices;
import ai.lepton.track.RunRecorder;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.network.Network;
import ai.lepton.train.network.Trainable;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Linear probing, then fine-tuning (LP-FT, Kumar et al. 2022): before a pretrained text encoder fine-tunes, its new head is
 * fitted as a probe on the frozen encoder's vectors, each text encoded once and the head given the updates a probe gets
 * ({@link TrainOptions#PROBE_UPDATES}), so fine-tuning starts from a head that fits instead of bending the pretrained
 * weights to a random one. Without it, a few epochs of a small set are a few updates of the whole network and end below
 * the probe. The stage costs one inference pass over the training texts and a linear model's updates; it logs no
 * metrics, and a resumed run skips it (its head is in its checkpoint).
 */
final class ProbeFirst {

    private ProbeFirst() {}

    /** Fits {@code network}'s head as a probe when it fine-tunes a pretrained text encoder and probe_first is on. */
    static void fit(RunRecorder run, Network network, TrainingData data, TrainOptions options, Loss loss) {
        Optional<Trainable> probe = network.headProbe(data, options);
        if (probe.isEmpty()) {
            return;
        }
        int updates;
        try (Trainable head = probe.get()) {
            updates = options.epochs()
                    * TrainingLoop.updatesPerEpoch(options, head.training().batchCount());
            StatefulOptimizer optimizer = Training.optimizer(options, head, Set.of());
            try (Trainer trainer = Training.trainer(head, loss, optimizer)) {
                TrainingLoop loop = new TrainingLoop(
                        run.id(),
                        run.name(),
                        options,
                        data,
                        new TrainingLoop.Parts(trainer, loss, optimizer, head.training(), null),
                        List.of());
                if (loop.run() == TrainingOutcome.INTERRUPTED) {
                    Thread.currentThread().interrupt(); // fine-tuning stops at its first batch: the run is interrupted
                    return;
                }
            }
        } catch (TrainingLoop.NonFiniteLoss e) {
            throw new TrainingException(
                    "Fitting the new head as a probe before fine-tuning failed: " + e.getMessage() + " (learning rate "
                            + options.lr() + "). Lower lr, or set clip.",
                    e);
        }
        String fitted = "fitted as a probe on " + data.train().rows() + " vectors first (" + updates + " updates)";
        run.tag(Tag.HEAD_PROBE, fitted);
        Notices.info("Head " + fitted + "; fine-tuning starts from it (probe_first: false starts from a random head).");
    }
}
