/**
 * What hears the training loop, in the spirit of DJL's {@code training.listener}: the
 * {@link ai.lepton.train.listener.TrainingListener} interface and what it is told (each
 * {@link ai.lepton.train.listener.TrainingProgress} step, each {@link ai.lepton.train.listener.EpochEnd} with the
 * {@link ai.lepton.train.listener.BestEpoch} so far, the {@link ai.lepton.train.listener.TrainingOutcome}), and the
 * standard listeners: metric logging to the run store ({@link ai.lepton.train.listener.MetricLog}), early stopping
 * ({@link ai.lepton.train.listener.EarlyStopping}) and the live views ({@link ai.lepton.train.listener.ProgressView}).
 * {@link ai.lepton.train.listener.Listeners} calls many as one. A caller's own listener is written against this package
 * alone.
 */
package ai.lepton.train.listener;
