/**
 * Training on DJL's PyTorch engine. {@link ai.lepton.train.TrainOptions} says what to train (model family, optimizer,
 * schedule, early stopping, device, fine-tuning), each hyperparameter declared once; {@link ai.lepton.train.Training}
 * builds the network through its model family (from scratch, or a pretrained backbone with a new head), records the
 * run's parameters, {@link ai.lepton.track.Lineage} and environment, and runs our thin loop over DJL's {@code Trainer}
 * with metrics that need no device sync per batch. A linear probe (a frozen text encoder) encodes each text once and
 * its head passes over the cached vectors often enough to converge, whatever its epochs. The loop is open: checkpoints,
 * early stopping, fine-tuning's freezing, metric logging and the live views are
 * {@link ai.lepton.train.TrainingListener}s, and so is a caller's own listener. Runs resume from their last checkpoint
 * after an interrupt or a crash.
 */
package ai.lepton.train;
