/**
 * The one fuzzing harness of every reader of untrusted bytes, in every module (shared through the runtime's test jar):
 * {@link ai.lepton.fuzz.MutationFuzzer} runs seeded, replayable mutations ({@link ai.lepton.fuzz.ByteMutations}' and a
 * format's own) through a reader within bounds of time and of memory, which {@link ai.lepton.fuzz.MemoryUse} measures.
 */
package ai.lepton.fuzz;
