/**
 * Hyperparameter sweeps: a {@link ai.lepton.sweep.SearchSpace} declared on Smile's {@code Hyperparameters} (grid or
 * seeded random configurations), {@link ai.lepton.sweep.SweepOptions} declared once as an option table,
 * {@link ai.lepton.sweep.Scheduler}s that stop trials which will not win (ASHA, median stopping) by listening to each
 * trial's epochs, a {@link ai.lepton.sweep.TrialExecutor} that runs trials side by side on the devices there are, and
 * {@link ai.lepton.sweep.Sweep}, which records a sweep as a run with a child run per trial and resumes one after a
 * kernel restart.
 */
package ai.lepton.sweep;
