/**
 * Lepton on a Slurm cluster: Slurm's client commands in Lepton's words ({@link ai.lepton.slurm.SlurmCommands}), and one
 * training run submitted as a batch job that the notebook follows from the shared store
 * ({@link ai.lepton.slurm.SlurmRun}, whose job runs {@link ai.lepton.slurm.RunJob}). A sweep's job array lives with the
 * sweeps ({@code ai.lepton.sweep}).
 */
package ai.lepton.slurm;
