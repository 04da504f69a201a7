/**
 * The networks Lepton builds: an {@link ai.lepton.runtime.model.Architecture} ({@code architecture.json}, saved beside
 * the parameters, and read back with every size held to a range a network of its family can have) and the
 * {@link ai.lepton.runtime.model.ModelFamily} that builds it (MLP, CNN, BERT). Training, checkpoints, promotion and the
 * runtime rebuild every network here.
 */
package ai.lepton.runtime.model;
