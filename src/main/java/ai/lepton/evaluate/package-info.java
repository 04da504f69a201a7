/**
 * Judging a finished run's model on held-out rows it never trained on: {@link ai.lepton.evaluate.RunModel} loads the
 * run's network (rebuilt on the CPU from its final checkpoint) beside what reads its inputs and its raw held-out rows,
 * from the store and the checkpoints alone; {@link ai.lepton.evaluate.HeldOutEvaluation} is its outputs and test
 * metrics, and {@link ai.lepton.evaluate.Explanation} its permutation importance per input column (seeded, so the same
 * run explains the same way twice). Promotion, {@code %lepton explain} and the classifier plots build on it; it knows
 * nothing of promotion. A run that cannot be judged is an {@link ai.lepton.evaluate.EvaluationException}.
 */
package ai.lepton.evaluate;
