/**
 * Training on DJL's PyTorch engine: a {@link ai.lepton.train.TrainSpec} says what to train (model family,
 * optimizer, schedule, early stopping, device, fine-tuning), {@link ai.lepton.train.Training} runs our
 * thin loop over DJL's {@code Trainer} with metrics that need no device sync per batch, atomic
 * checkpoints, resume and clean interruption, and records everything in a tracked run.
 */
package ai.lepton.train;
