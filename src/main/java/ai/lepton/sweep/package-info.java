/**
 * Hyperparameter sweeps: a {@link ai.lepton.sweep.SearchSpace} declared on Smile's {@code Hyperparameters} (grid or
 * seeded random configurations), {@link ai.lepton.sweep.SweepOptions} declared once as an option table,
 * {@link ai.lepton.sweep.Scheduler}s that stop trials which will not win (ASHA, median stopping) by listening to each
 * trial's epochs (or a scheduler object of one's own), {@link ai.lepton.sweep.TrialExecutor}s that run a sweep's
 * {@link ai.lepton.sweep.SweepTrials} side by side on the devices there are ({@code LocalExecutor}) or as a Slurm job
 * array reporting to a shared store ({@code SlurmExecutor}, whose tasks are {@link ai.lepton.sweep.TrialJob}s), and
 * {@link ai.lepton.sweep.Sweep}, which records a sweep as a run with a child run per trial, numbered, and resumes one
 * after a kernel restart.
 */
package ai.lepton.sweep;
